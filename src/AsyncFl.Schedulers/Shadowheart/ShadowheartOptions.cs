namespace AsyncFl.Schedulers;

/// <summary>
/// Options of Shadowheart SGD (Tyurin, Pozzi, Ilin, Richtárik, NeurIPS 2024, arXiv 2402.04785; spec
/// schedulers.md §4): rounds in which worker i computes b_i gradients at the current model and uploads m_i
/// independent compressions of their sum; the server forms the unbiased weighted estimate and steps once.
/// </summary>
/// <remarks>
/// Aggregator: a gradient buffer that never fills on its own and honours <see cref="SubmitOptions.Weight"/> and
/// <see cref="FlushOptions.Normalizer"/> (<c>SgdAggregator</c> with <c>BufferSize = int.MaxValue</c>); the scheduler
/// accepts each upload with weight w_i and flushes with Z at the end of the round, giving
/// <c>x ← x − γ·Σ_i w_i Σ_j C_ij(G_i)/Z</c>. <c>AddShadowheart</c> sets both.
/// </remarks>
public sealed class ShadowheartOptions : SchedulerOptions
{
    /// <summary>h_i, seconds per stochastic gradient of each client (index = client id).</summary>
    /// <value>The default value is <see langword="null"/> (required).</value>
    public IReadOnlyList<double>? ComputeTimes { get; set; }

    /// <summary>τ_i, seconds to upload one compressed vector for each client (for RandK: K × per-coordinate time).</summary>
    /// <value>The default value is <see langword="null"/> (required).</value>
    public IReadOnlyList<double>? UploadTimes { get; set; }

    /// <summary>The unbiased compressor applied to each upload (e.g. <see cref="RandKCompressor"/>); null sends the
    /// vector uncompressed (ω = 0, one upload per worker).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IUpdateCompressor? Compressor { get; set; }

    /// <summary>S = σ²/ε &gt; 0 (the noise batch; need not be an integer).</summary>
    /// <value>The default value is 1.</value>
    public double NoiseBatch { get; set; } = 1;

    /// <summary>Cap on m_i (the reference code optionally uses ⌈d/K⌉); int.MaxValue for none.</summary>
    /// <value>The default value is <see cref="int.MaxValue"/>.</value>
    public int MaxUploads { get; set; } = int.MaxValue;

    /// <summary>
    /// Whether the workload's result for b_i gradients is their mean (true) or their sum (false). The estimator needs
    /// the sum <c>G_i</c>, so a mean is weighted by b_i.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool LocalResultIsMean { get; set; } = true;

    /// <inheritdoc />
    public override IScheduler CreateScheduler() => new ShadowheartScheduler(this);

    private protected override void AddErrors(OptionErrors e)
    {
        base.AddErrors(e);
        e.PositiveTimes(ComputeTimes, nameof(ComputeTimes));
        e.PositiveTimes(UploadTimes, nameof(UploadTimes), allowZero: true);
        e.Require(ComputeTimes is null || UploadTimes is null || ComputeTimes.Count == UploadTimes.Count,
            $"{nameof(ComputeTimes)} and {nameof(UploadTimes)} must have the same length (got {ComputeTimes?.Count} and {UploadTimes?.Count}).");
        e.Require(double.IsFinite(NoiseBatch) && NoiseBatch > 0, $"{nameof(NoiseBatch)} must be finite and > 0 (got {OptionErrors.Format(NoiseBatch)}).");
        e.AtLeastOne(MaxUploads, nameof(MaxUploads));
        e.Require(Compressor is null || MaxUploads != int.MaxValue || UploadTimes is null || !UploadTimes.Any(t => t == 0),
            $"With a {nameof(Compressor)}, an upload time of 0 would plan unboundedly many uploads (m_i = ⌊t*/0⌋): give positive {nameof(UploadTimes)} or a finite {nameof(MaxUploads)} (e.g. ⌈d/K⌉).");
    }
}
