using AsyncFl.Schedulers.Theory;

namespace AsyncFl.Schedulers;

/// <summary>
/// Options of MindFlayer SGD (Maranjyan, Shaikh Omar, Richtárik, UAI 2025, arXiv 2410.04285; spec schedulers.md §5):
/// rounds in which worker i makes B_i attempts, each cut off after T_i = τ_i + t_i seconds; successful gradients are
/// summed and normalised by the expected number of successes <c>Σ p_i B_i</c> (unbiased).
/// </summary>
/// <remarks>
/// Aggregator: a gradient buffer that never fills on its own and honours <see cref="FlushOptions.Normalizer"/>
/// (<c>SgdAggregator</c> with <c>BufferSize = int.MaxValue</c>); <c>AddMindFlayer</c> sets both.
/// </remarks>
public sealed class MindFlayerOptions : SchedulerOptions
{
    /// <summary>B_i, attempts per round of each client (0 = not used).</summary>
    /// <value>The default value is <see langword="null"/> (required).</value>
    public IReadOnlyList<int>? Budgets { get; set; }

    /// <summary>T_i = τ_i + t_i, each attempt's time limit in seconds (+∞ = no clipping, p_i = 1).</summary>
    /// <value>The default value is <see langword="null"/> (required).</value>
    public IReadOnlyList<double>? TimeLimits { get; set; }

    /// <summary>p_i = P(attempt finishes within T_i), in (0, 1] for clients with B_i &gt; 0.</summary>
    /// <value>The default value is <see langword="null"/> (required).</value>
    public IReadOnlyList<double>? SuccessProbabilities { get; set; }

    /// <summary>
    /// Options from the theory (spec §5.3): for each client the clip choice (<see cref="MindFlayerTheory.OptimalClip"/>
    /// or <see cref="MindFlayerTheory.OptimalClipFromSamples"/>) and its base time; budgets
    /// <c>B_i = ⌊T_r/(τ_i + t_i)⌋</c> with the smallest round time T_r giving <c>Σ p_i B_i ≥ S</c>.
    /// </summary>
    /// <param name="baseTimes">τ_i per client.</param>
    /// <param name="clips">The clip choice per client.</param>
    /// <param name="noiseBatch">S, the expected successful gradients per round.</param>
    /// <returns>The options.</returns>
    public static MindFlayerOptions FromClips(IReadOnlyList<double> baseTimes, IReadOnlyList<ClipChoice> clips, double noiseBatch)
    {
        ArgumentNullException.ThrowIfNull(baseTimes);
        ArgumentNullException.ThrowIfNull(clips);
        if (baseTimes.Count != clips.Count)
        {
            throw new ArgumentException($"baseTimes ({baseTimes.Count}) and clips ({clips.Count}) must have the same length.");
        }

        int n = baseTimes.Count;
        var limits = new double[n];
        var probs = new double[n];
        for (int i = 0; i < n; i++)
        {
            limits[i] = clips[i].TimeLimit(baseTimes[i]);
            probs[i] = clips[i].SuccessProbability;
        }

        var budgets = new int[n];
        MindFlayerTheory.Budgets(limits, probs, noiseBatch, budgets);
        return new MindFlayerOptions { Budgets = budgets, TimeLimits = limits, SuccessProbabilities = probs };
    }

    /// <inheritdoc />
    public override IScheduler CreateScheduler() => new MindFlayerScheduler(this);

    private protected override void AddErrors(OptionErrors e)
    {
        base.AddErrors(e);
        e.Require(Budgets is not null && TimeLimits is not null && SuccessProbabilities is not null,
            $"{nameof(Budgets)}, {nameof(TimeLimits)} and {nameof(SuccessProbabilities)} are required.");
        if (Budgets is not null && TimeLimits is not null && SuccessProbabilities is not null)
        {
            e.Require(Budgets.Count == TimeLimits.Count && Budgets.Count == SuccessProbabilities.Count && Budgets.Count > 0,
                $"{nameof(Budgets)}, {nameof(TimeLimits)} and {nameof(SuccessProbabilities)} must be non-empty and of equal length (got {Budgets.Count}, {TimeLimits.Count}, {SuccessProbabilities.Count}).");
            e.PositiveTimes(TimeLimits, nameof(TimeLimits), allowInfinity: true);
            bool any = false;
            for (int i = 0; i < Math.Min(Budgets.Count, SuccessProbabilities.Count); i++)
            {
                e.Require(Budgets[i] >= 0, $"{nameof(Budgets)}[{i}] must be ≥ 0 (got {Budgets[i]}).");
                double p = SuccessProbabilities[i];
                e.Require(double.IsFinite(p) && p >= 0 && p <= 1 && (Budgets[i] == 0 || p > 0),
                    $"{nameof(SuccessProbabilities)}[{i}] must lie in [0, 1], and be > 0 when the budget is positive (got {OptionErrors.Format(p)}).");
                any |= Budgets[i] > 0;
            }

            e.Require(any, $"At least one of {nameof(Budgets)} must be positive.");
        }

    }
}
