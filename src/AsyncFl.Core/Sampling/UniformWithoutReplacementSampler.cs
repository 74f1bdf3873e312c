namespace AsyncFl.Sampling;

/// <summary>
/// Uniform sampling without replacement within one draw (partial Fisher–Yates): m distinct eligible clients, each
/// included with probability <c>m/N</c> (N eligible). The Horvitz–Thompson weight is <c>1/m</c>; the variance of
/// the sample mean is <c>σ²/m·(N−m)/(N−1)</c> (spec aggregation.md §6.1). The NICE sampling of cohort squeeze.
/// </summary>
/// <remarks>Not thread-safe (keeps a scratch buffer); give each thread its own instance.</remarks>
public sealed class UniformWithoutReplacementSampler : IClientSampler
{
    private int[] _pool = [];

    /// <inheritdoc />
    public string Name => "UniformWithoutReplacement";

    /// <inheritdoc />
    public int Sample(int population, Span<int> destination, Span<double> unbiasedWeights, Random random, Func<int, bool>? eligible = null)
    {
        SamplerHelpers.CheckArguments(population, destination, unbiasedWeights, random);
        int ne = SamplerHelpers.GatherEligible(population, eligible, ref _pool);
        int m = Math.Min(destination.Length, ne);
        for (int k = 0; k < m; k++)
        {
            int r = k + random.Next(ne - k);
            (_pool[k], _pool[r]) = (_pool[r], _pool[k]);
            destination[k] = _pool[k];
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
        SamplerHelpers.UniformEligible(population, random, eligible, ref _pool);
}
