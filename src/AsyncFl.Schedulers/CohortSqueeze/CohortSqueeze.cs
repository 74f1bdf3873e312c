using AsyncFl.Sampling;
namespace AsyncFl.Schedulers;

/// <summary>
/// Cohort squeeze (SPPM-AS; Yi, Kharisov, Sokolov, Richtárik 2024, arXiv 2406.01115; spec schedulers.md §7): sample a
/// cohort, spend K local communication rounds on it, then sample the next cohort. Each round's results are weighted by
/// the sampler's Horvitz–Thompson factors and flushed with normaliser m, the unbiased estimate of the population mean.
/// A preset of the synchronous family.
/// </summary>
/// <remarks>
/// Modelling choice: the paper's inexact prox step <c>argmin_y f_C(y) + ‖y − x^k‖²/(2γ)</c> is approximated by K
/// rounds of ordinary federated averaging restricted to the cohort, each starting from the current model; no proximal
/// term is added on the clients (a workload may add one). Aggregator: a buffer that honours
/// <see cref="SubmitOptions.Weight"/> and <see cref="FlushOptions.Normalizer"/> and never fills on its own (e.g.
/// <c>SgdAggregator</c> with <c>BufferSize = int.MaxValue</c>, <c>Normalization = None</c>).
/// </remarks>
public static class CohortSqueeze
{
    /// <summary>The synchronous options of cohort squeeze.</summary>
    /// <param name="cohortSize">m, requested from the sampler (stratified: the number of strata; block: the largest block).</param>
    /// <param name="localRounds">K ≥ 1, rounds per cohort.</param>
    /// <param name="sampler">NICE (<see cref="Sampling.UniformWithoutReplacementSampler"/>, the default when null),
    /// <see cref="Sampling.BlockSampler"/> or <see cref="Sampling.StratifiedSampler"/>.</param>
    /// <returns>Options for <c>AddSynchronousRounds</c>.</returns>
    public static SynchronousRoundsOptions Options(int cohortSize, int localRounds = 1, IClientSampler? sampler = null)
    {
        sampler ??= new Sampling.UniformWithoutReplacementSampler();
        return new SynchronousRoundsOptions
        {
            ClientsPerRound = cohortSize,
            RoundsPerCohort = localRounds,
            Sampler = sampler,
            Normalization = RoundNormalization.CohortSize,
            Label = $"CohortSqueeze(m={cohortSize}, K={localRounds}, {sampler.Name})",
        };
    }

    /// <summary>Minibatch SGD (synchronous rounds over every client, flushed with the mean): cohort squeeze with the
    /// whole population as cohort and one round per cohort.</summary>
    /// <param name="clientsPerRound">Clients per round; null for all.</param>
    /// <returns>Options for <c>AddSynchronousRounds</c>.</returns>
    public static SynchronousRoundsOptions MinibatchSgd(int? clientsPerRound = null) => new()
    {
        ClientsPerRound = clientsPerRound,
        Sampler = new Sampling.UniformWithoutReplacementSampler(),
        Normalization = RoundNormalization.CohortSize,
        Label = clientsPerRound is { } m ? $"SyncRounds(m={m})" : "SyncRounds(all)",
    };
}
