namespace AsyncFl.Schedulers;

/// <summary>
/// Options of Rennala SGD (Tyurin &amp; Richtárik, NeurIPS 2023, arXiv 2305.12387; spec schedulers.md §2): each step
/// collects exactly S gradients computed at the current model from whoever finishes first.
/// </summary>
/// <remarks>
/// Aggregator: a gradient buffer of size S with count normalisation (<c>SgdAggregator</c> with
/// <c>BufferSize = S</c>, <c>Normalization = Count</c>), which applies <c>x ← x − γ·Σg/S</c> at the S-th fresh gradient.
/// An aggregator with a larger buffer also works (the scheduler flushes after S fresh gradients); a smaller buffer
/// makes shorter steps. The theory's step is <c>γ = min{1/L, εS/(4Lσ²)}</c>.
/// </remarks>
public sealed class RennalaOptions : SchedulerOptions
{
    /// <summary>S ≥ 1, the fresh gradients per step. Theory: <c>S = max{1, ⌈σ²/ε⌉}</c>.</summary>
    /// <value>The default value is 1.</value>
    public int BatchSize { get; set; } = 1;

    /// <summary>The variant.</summary>
    /// <value>The default value is <see cref="RennalaVariant.IgnoreStale"/>.</value>
    public RennalaVariant Variant { get; set; } = RennalaVariant.IgnoreStale;

    /// <summary>The workers that take part; null for all.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyList<int>? ActiveClients { get; set; }

    /// <inheritdoc />
    public override IScheduler CreateScheduler() => new RennalaScheduler(this);

    private protected override void AddErrors(OptionErrors errors)
    {
        base.AddErrors(errors);
        errors.AtLeastOne(BatchSize, nameof(BatchSize));
        errors.Defined(Variant, nameof(Variant));
        errors.Clients(ActiveClients, nameof(ActiveClients));
    }
}
