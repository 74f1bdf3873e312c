namespace AsyncFl;

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
}
