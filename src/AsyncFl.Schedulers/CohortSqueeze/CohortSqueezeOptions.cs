using AsyncFl.Sampling;

namespace AsyncFl.Schedulers;

/// <summary>
/// Options of cohort squeeze (SPPM-AS; Yi, Kharisov, Sokolov, Richtárik 2024, arXiv 2406.01115; spec
/// schedulers.md §7): sample a cohort, spend K local communication rounds on it, then sample the next cohort.
/// </summary>
/// <remarks>
/// Modelling choice: the paper's inexact prox step <c>argmin_y f_C(y) + ‖y − x^k‖²/(2γ)</c> is approximated by K
/// rounds of ordinary federated averaging restricted to the cohort, each starting from the current model; no
/// proximal term is added on the clients (a workload may add one). Aggregator: a buffer that honours
/// <see cref="SubmitOptions.Weight"/> and <see cref="FlushOptions.Normalizer"/> and never fills on its own (e.g.
/// <c>SgdAggregator</c>, <c>BufferSize = int.MaxValue</c>, for gradient or pseudo-gradient payloads).
/// </remarks>
public sealed class CohortSqueezeOptions
{
    /// <summary>The cohort size m requested from the sampler (stratified: the number of strata; block: the largest block).</summary>
    /// <value>The default value is 10.</value>
    public int CohortSize { get; set; } = 10;

    /// <summary>K ≥ 1, local communication rounds per cohort (the "squeeze factor"; K = 1 is FedAvg with partial participation).</summary>
    /// <value>The default value is 1.</value>
    public int LocalRounds { get; set; } = 1;

    /// <summary>The cohort sampling: NICE (<see cref="UniformWithoutReplacementSampler"/>), <see cref="BlockSampler"/>
    /// or <see cref="StratifiedSampler"/>; null for NICE.</summary>
    /// <value>The default value is <see langword="null"/> (NICE).</value>
    public IClientSampler? Sampler { get; set; }

    /// <summary>Local work per task.</summary>
    /// <value>The default value is 1.</value>
    public int LocalSteps { get; set; } = 1;

    /// <summary>Each task's time limit (a round deadline); +∞ for none.</summary>
    /// <value>The default value is +∞.</value>
    public double TimeLimitSeconds { get; set; } = double.PositiveInfinity;

    /// <summary>The server step passed with each update; NaN uses the aggregator's own.</summary>
    /// <value>The default value is <see cref="double.NaN"/>.</value>
    public double LearningRate { get; set; } = double.NaN;

    internal void Validate(string owner)
    {
        var e = new OptionErrors(owner);
        e.AtLeastOne(CohortSize, nameof(CohortSize));
        e.AtLeastOne(LocalRounds, nameof(LocalRounds));
        e.AtLeastOne(LocalSteps, nameof(LocalSteps));
        e.Require(!double.IsNaN(TimeLimitSeconds) && TimeLimitSeconds > 0, $"{nameof(TimeLimitSeconds)} must be > 0 or +∞ (got {OptionErrors.Format(TimeLimitSeconds)}).");
        e.LearningRate(LearningRate, nameof(LearningRate));
        e.ThrowIfAny();
    }
}
