namespace AsyncFl.Schedulers;

/// <summary>How Rennala treats work started at an old model.</summary>
public enum RennalaVariant
{
    /// <summary>Workers keep running across steps; a gradient computed at an older model is discarded on arrival.</summary>
    IgnoreStale = 0,

    /// <summary>After each step every in-flight task is cancelled and restarted at the new model (the reference code's
    /// simpler variant; same complexity, wastes the partial work).</summary>
    RestartAll = 1,
}

/// <summary>
/// Options of Rennala SGD (Tyurin &amp; Richtárik, NeurIPS 2023, arXiv 2305.12387; spec schedulers.md §2): each step
/// collects exactly S gradients computed at the current model from whoever finishes first.
/// </summary>
/// <remarks>
/// Aggregator: a gradient buffer of size S with count normalisation (<c>SgdAggregator</c> with
/// <c>BufferSize = S</c>, <c>Normalization = Count</c>), which applies <c>x ← x − γ·Σg/S</c> at the S-th fresh gradient;
/// <c>AddRennala</c> sets it up. An aggregator with a larger buffer also works (the scheduler flushes after S fresh
/// gradients); a smaller buffer makes shorter steps.
/// </remarks>
public sealed class RennalaOptions
{
    /// <summary>S ≥ 1, the fresh gradients per step. Theory: <c>S = max{1, ⌈σ²/ε⌉}</c>.</summary>
    /// <value>The default value is 1.</value>
    public int BatchSize { get; set; } = 1;

    /// <summary>The variant.</summary>
    /// <value>The default value is <see cref="RennalaVariant.IgnoreStale"/>.</value>
    public RennalaVariant Variant { get; set; } = RennalaVariant.IgnoreStale;

    /// <summary>The server step γ passed with each gradient; NaN uses the aggregator's own. Theory
    /// <c>γ = min{1/L, εS/(4Lσ²)}</c> [recall].</summary>
    /// <value>The default value is <see cref="double.NaN"/>.</value>
    public double LearningRate { get; set; } = double.NaN;

    /// <summary>The workers that take part; null for all.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyList<int>? ActiveClients { get; set; }

    /// <summary>Local work per task.</summary>
    /// <value>The default value is 1.</value>
    public int LocalSteps { get; set; } = 1;

    internal void Validate()
    {
        var e = new OptionErrors(nameof(RennalaOptions));
        e.AtLeastOne(BatchSize, nameof(BatchSize));
        e.Defined(Variant, nameof(Variant));
        e.LearningRate(LearningRate, nameof(LearningRate));
        e.AtLeastOne(LocalSteps, nameof(LocalSteps));
        e.Clients(ActiveClients, nameof(ActiveClients));
        e.ThrowIfAny();
    }
}
