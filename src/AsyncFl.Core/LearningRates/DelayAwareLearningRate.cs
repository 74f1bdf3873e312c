using System.Globalization;

namespace AsyncFl;

/// <summary>
/// The seed paper's delay-aware learning rate (Forootani &amp; Iervolino, arXiv:2508.01675; spec §1.1):
/// <c>γ = γ₀ / (√(k + 1) · (1 + α·d))</c>, with <c>k</c> = <see cref="LearningRateContext.Step"/> (a local epoch on a
/// client, or the server step) and <c>d</c> chosen by <see cref="DelayMeasure"/>.
/// </summary>
/// <remarks>The authors' code uses the constant configured delay (<see cref="DelayMeasure.ConfiguredMaxDelay"/> with
/// D = 2), so with α = 0.01 its factor is always 1/1.02; the default here is the observed staleness, which is what
/// the paper describes. Defaults follow the code: γ₀ = 1e-3, α = 0.01.</remarks>
public sealed class DelayAwareLearningRate : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="baseRate">γ₀ ≥ 0 (the code's <c>--gamma_0</c>, default 1e-3).</param>
    /// <param name="alpha">The delay scaling α ≥ 0 (the code's <c>--alpha_lr</c>, default 0.01).</param>
    /// <param name="measure">Which delay to use.</param>
    /// <param name="configuredMaxDelay">D for <see cref="DelayMeasure.ConfiguredMaxDelay"/> (≥ 0; the code uses 2).</param>
    public DelayAwareLearningRate(double baseRate = 1e-3, double alpha = 0.01, DelayMeasure measure = DelayMeasure.ObservedStaleness, double configuredMaxDelay = 2.0)
    {
        var errors = new List<string>();
        if (!double.IsFinite(baseRate) || baseRate < 0)
        {
            errors.Add($"{nameof(baseRate)} must be a finite number ≥ 0 (was {baseRate.ToString("R", CultureInfo.InvariantCulture)}).");
        }

        if (!double.IsFinite(alpha) || alpha < 0)
        {
            errors.Add($"{nameof(alpha)} must be a finite number ≥ 0 (was {alpha.ToString("R", CultureInfo.InvariantCulture)}).");
        }

        if (!Enum.IsDefined(measure))
        {
            errors.Add($"{nameof(measure)} is not a defined DelayMeasure (was {(int)measure}).");
        }

        if (!double.IsFinite(configuredMaxDelay) || configuredMaxDelay < 0)
        {
            errors.Add($"{nameof(configuredMaxDelay)} must be a finite number ≥ 0 (was {configuredMaxDelay.ToString("R", CultureInfo.InvariantCulture)}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid delay-aware learning rate: " + string.Join(" ", errors));
        }

        BaseRate = baseRate;
        Alpha = alpha;
        Measure = measure;
        ConfiguredMaxDelay = configuredMaxDelay;
    }

    /// <summary>γ₀.</summary>
    public double BaseRate { get; }

    /// <summary>α.</summary>
    public double Alpha { get; }

    /// <summary>Which delay is used.</summary>
    public DelayMeasure Measure { get; }

    /// <summary>The configured D.</summary>
    public double ConfiguredMaxDelay { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"delay-aware(gamma0={BaseRate:R},alpha={Alpha:R},d={Measure})");

    /// <inheritdoc />
    public double GetRate(in LearningRateContext context)
    {
        double d = Measure switch
        {
            DelayMeasure.ObservedStaleness => Math.Max(0, context.Staleness),
            DelayMeasure.ConfiguredMaxDelay => ConfiguredMaxDelay,
            _ => double.IsFinite(context.DelaySeconds) ? Math.Max(0, context.DelaySeconds) : 0,
        };
        double k = Math.Max(0, context.Step);
        return BaseRate / (Math.Sqrt(k + 1) * (1 + (Alpha * d)));
    }
}
