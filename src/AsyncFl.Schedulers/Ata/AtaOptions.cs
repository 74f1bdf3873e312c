namespace AsyncFl.Schedulers;

/// <summary>
/// Options of ATA, adaptive task allocation (Maranjyan, Saad, Richtárik, Orabona, ICML 2025, arXiv 2502.00775; spec
/// schedulers.md §6): each round needs exactly B gradients; tasks are allocated by the greedy makespan rule over
/// lower confidence bounds of the workers' mean task times, learnt online from observed durations.
/// </summary>
/// <remarks>Aggregator: a gradient buffer with count normalisation that never fills on its own
/// (<c>SgdAggregator</c>, <c>BufferSize = int.MaxValue</c>, <c>Normalization = Count</c>); the scheduler flushes after
/// the round's B tasks ended. <c>AddAta</c> sets both.</remarks>
public sealed class AtaOptions : SchedulerOptions
{
    /// <summary>B ≥ 1, the tasks (gradients) per round.</summary>
    /// <value>The default value is 1.</value>
    public int TasksPerRound { get; set; } = 1;

    /// <summary>The variant.</summary>
    /// <value>The default value is <see cref="AtaVariant.Empirical"/>.</value>
    public AtaVariant Variant { get; set; } = AtaVariant.Empirical;

    /// <summary>α_i per client for <see cref="AtaVariant.Known"/> (finite, ≥ 0).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyList<double>? Scales { get; set; }

    /// <summary>The constant c of the confidence width <c>c·α·(√(ln(2k²)/K) + ln(2k²)/K)</c>; 4e in the spec [recall].</summary>
    /// <value>The default value is 4e ≈ 10.873.</value>
    public double ConfidenceConstant { get; set; } = 4 * Math.E;

    /// <inheritdoc />
    public override IScheduler CreateScheduler() => new AtaScheduler(this);

    private protected override void AddErrors(OptionErrors e)
    {
        base.AddErrors(e);
        e.AtLeastOne(TasksPerRound, nameof(TasksPerRound));
        e.Defined(Variant, nameof(Variant));
        if (Variant == AtaVariant.Known)
        {
            e.PositiveTimes(Scales, nameof(Scales), allowZero: true);
        }

        e.Require(double.IsFinite(ConfidenceConstant) && ConfidenceConstant >= 0, $"{nameof(ConfidenceConstant)} must be finite and ≥ 0 (got {OptionErrors.Format(ConfidenceConstant)}).");
    }
}
