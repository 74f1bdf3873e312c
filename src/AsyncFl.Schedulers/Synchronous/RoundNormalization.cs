namespace AsyncFl.Schedulers;

/// <summary>What a synchronous round's flush divides the buffered sum by.</summary>
public enum RoundNormalization
{
    /// <summary>The aggregator's own convention (<see cref="FlushOptions.Default"/>: FedAvg's sample-weighted mean,
    /// an SGD buffer's count or weight sum).</summary>
    Aggregator = 0,

    /// <summary>The cohort size m (<see cref="FlushOptions.Normalizer"/> = m): with each result weighted by its
    /// sampler's Horvitz–Thompson factor this is the unbiased estimate <c>Σ_{i∈C} uᵢUᵢ</c> of the population mean;
    /// a client that dropped counts as zero (cohort squeeze, minibatch SGD).</summary>
    CohortSize = 1,
}
