namespace AsyncFl.Sampling;

/// <summary>
/// Chooses which clients take part: uniform with or without replacement, epoch-wise without replacement,
/// importance sampling, fairness floors. A sampler also reports each chosen client's inclusion probability so
/// that an unbiased (Horvitz–Thompson / Hansen–Hurwitz) reweighting can be applied.
/// </summary>
public interface IClientSampler
{
    /// <summary>A short description.</summary>
    string Name { get; }

    /// <summary>
    /// Draws <c>destination.Length</c> clients among those for which <paramref name="eligible"/> is true (all when
    /// null), writing their ids and the weights that make the estimate unbiased.
    /// </summary>
    /// <param name="population">Number of clients N; ids are <c>0 … N−1</c>.</param>
    /// <param name="destination">Receives the chosen ids (length m).</param>
    /// <param name="unbiasedWeights">Receives, per chosen client, the factor that makes
    /// <c>Σ weight·U</c> an unbiased estimate of the population mean of U (e.g. <c>1/(m·p_i·N)</c>); may be empty.</param>
    /// <param name="random">The seeded random source.</param>
    /// <param name="eligible">Which clients may be chosen now (available, idle); null for all.</param>
    /// <returns>How many clients were written (fewer than requested when too few are eligible).</returns>
    int Sample(int population, Span<int> destination, Span<double> unbiasedWeights, Random random, Func<int, bool>? eligible = null);

    /// <summary>
    /// Draws one client for one free slot (an asynchronous refill): client <c>i</c> among the eligible ones with
    /// probability proportional to its inclusion probability <c>π_i</c> under this sampler (uniform samplers: uniformly;
    /// independent participation: <c>∝ p_i</c>; stratified: <c>∝ 1/|stratum(i)|</c>). Never an empty draw while an
    /// eligible client has <c>π_i &gt; 0</c>, and no preference for low ids.
    /// </summary>
    /// <param name="population">Number of clients N; ids are <c>0 … N−1</c>.</param>
    /// <param name="random">The seeded random source.</param>
    /// <param name="eligible">Which clients may be chosen now (available, idle); null for all.</param>
    /// <returns>The client, or −1 when no eligible client can be drawn.</returns>
    int SampleOne(int population, Random random, Func<int, bool>? eligible = null);
}
