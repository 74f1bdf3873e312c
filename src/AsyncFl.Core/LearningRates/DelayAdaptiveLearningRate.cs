using System.Globalization;

namespace AsyncFl;

/// <summary>
/// Mishchenko et al.'s delay-adaptive ASGD step (NeurIPS 2022, "Asynchronous SGD beats minibatch SGD"):
/// <c>γₖ = γ·M / max(M, δₖ)</c> with <c>M</c> the number of concurrent workers and <c>δₖ</c> the update's delay
/// (staleness in versions). Fresh updates (δ ≤ M) get γ; staler ones get proportionally less.
/// </summary>
public sealed class DelayAdaptiveLearningRate : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="rate">γ ≥ 0.</param>
    /// <param name="concurrency">M ≥ 1, used when <see cref="LearningRateContext.Concurrency"/> is 0 (unknown).</param>
    public DelayAdaptiveLearningRate(double rate, int concurrency = 1)
    {
        if (!double.IsFinite(rate) || rate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"'{nameof(rate)}' must be a finite number ≥ 0.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        Rate = rate;
        Concurrency = concurrency;
    }

    /// <summary>γ.</summary>
    public double Rate { get; }

    /// <summary>The fallback M.</summary>
    public int Concurrency { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"delay-adaptive(gamma={Rate:R},M={Concurrency})");

    /// <inheritdoc />
    public double GetRate(in LearningRateContext context)
    {
        double m = context.Concurrency > 0 ? context.Concurrency : Concurrency;
        double delay = Math.Max(0, context.Staleness);
        return delay <= m ? Rate : Rate * m / delay; // exactly γ for delays up to M
    }
}
