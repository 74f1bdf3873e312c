namespace AsyncFl.Sampling;

/// <summary>
/// Optimal client sampling (Chen, Horváth, Richtárik): independent participation with the capped probabilities of
/// <see cref="OptimalSampling.Probabilities"/> computed from the latest update norms, optionally mixed with the
/// uniform probability <c>m/N</c> (fairness floor <see cref="MixingEta"/>). Call <see cref="UpdateNorms"/> before
/// each draw (clients compute their update first, then the server decides who sends it).
/// </summary>
public sealed class OptimalImportanceSampler : IClientSampler
{
    private readonly PoissonSampler _inner;
    private readonly double[] _scratch;

    /// <summary>Creates the sampler with uniform probabilities m/N until norms are given.</summary>
    /// <param name="population">N.</param>
    /// <param name="expectedCount">m in (0, N].</param>
    /// <param name="mixingEta">η in [0, 1] for the uniform floor (0 = pure optimal sampling).</param>
    public OptimalImportanceSampler(int population, double expectedCount, double mixingEta = 0)
    {
        var errors = new List<string>();
        if (population < 1)
        {
            errors.Add($"population must be ≥ 1 (got {population}).");
        }

        if (!double.IsFinite(expectedCount) || expectedCount <= 0 || expectedCount > population)
        {
            errors.Add($"expectedCount must lie in (0, population] (got {expectedCount}).");
        }

        if (!double.IsFinite(mixingEta) || mixingEta < 0 || mixingEta > 1)
        {
            errors.Add($"mixingEta must lie in [0, 1] (got {mixingEta}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }

        ExpectedCount = expectedCount;
        MixingEta = mixingEta;
        _scratch = new double[population];
        Array.Fill(_scratch, expectedCount / population);
        _inner = new PoissonSampler(_scratch);
    }

    /// <inheritdoc />
    public string Name => "OptimalImportance";

    /// <summary>m, the expected number of participants.</summary>
    public double ExpectedCount { get; }

    /// <summary>η, the weight of the uniform floor.</summary>
    public double MixingEta { get; }

    /// <summary>The current inclusion probabilities (a copy).</summary>
    public double[] InclusionProbabilities => _inner.InclusionProbabilities;

    /// <summary>Recomputes the probabilities from the clients' update norms <c>u_i = ‖w_i U_i‖</c>.</summary>
    /// <param name="norms">u_i per client.</param>
    public void UpdateNorms(ReadOnlySpan<double> norms)
    {
        OptimalSampling.Probabilities(norms, ExpectedCount, _scratch);
        if (MixingEta > 0)
        {
            ProbabilityFloor.MixWithUniform(_scratch, MixingEta);
        }

        _inner.SetProbabilities(_scratch);
    }

    /// <inheritdoc />
    public int Sample(int population, Span<int> destination, Span<double> unbiasedWeights, Random random, Func<int, bool>? eligible = null) =>
        _inner.Sample(population, destination, unbiasedWeights, random, eligible);

    /// <inheritdoc />
    /// <remarks>Client <c>i</c> with probability ∝ its current inclusion probability <c>p_i</c> among the eligible ones.</remarks>
    public int SampleOne(int population, Random random, Func<int, bool>? eligible = null) =>
        _inner.SampleOne(population, random, eligible);
}
