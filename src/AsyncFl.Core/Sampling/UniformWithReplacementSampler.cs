namespace AsyncFl.Sampling;

/// <summary>
/// Uniform sampling with replacement: each of the m draws picks one eligible client uniformly; a client may repeat.
/// The Hansen–Hurwitz weight of every draw is <c>1/m</c>, so <c>Σ weight·U</c> is an unbiased estimate of the mean of U
/// over the eligible clients, with variance <c>σ²/m</c> (spec aggregation.md §6.1).
/// </summary>
/// <remarks>Not thread-safe (keeps a scratch buffer); give each thread its own instance.</remarks>
public sealed class UniformWithReplacementSampler : IClientSampler
{
    private int[] _eligible = [];

    /// <inheritdoc />
    public string Name => "UniformWithReplacement";

    /// <inheritdoc />
    public int Sample(int population, Span<int> destination, Span<double> unbiasedWeights, Random random, Func<int, bool>? eligible = null)
    {
        SamplerHelpers.CheckArguments(population, destination, unbiasedWeights, random);
        int ne = eligible is null ? population : SamplerHelpers.GatherEligible(population, eligible, ref _eligible);
        if (ne == 0)
        {
            return 0;
        }

        int m = destination.Length;
        for (int k = 0; k < m; k++)
        {
            int r = random.Next(ne);
            destination[k] = eligible is null ? r : _eligible[r];
            if (!unbiasedWeights.IsEmpty)
            {
                unbiasedWeights[k] = 1.0 / m;
            }
        }

        return m;
    }

    /// <inheritdoc />
    /// <remarks>Uniform among the eligible clients.</remarks>
    public int SampleOne(int population, Random random, Func<int, bool>? eligible = null) =>
        SamplerHelpers.UniformEligible(population, random, eligible, ref _eligible);
}
