namespace AsyncFl.Sampling;

/// <summary>
/// Independent ("Poisson") participation: every eligible client <c>i</c> takes part independently with probability
/// <c>p_i</c>, so the number drawn is random with mean <c>Σ p_i</c>. Horvitz–Thompson weights <c>1/(N·p_i)</c> make
/// <c>Σ weight·U</c> an unbiased estimate of the mean of U over all N clients (spec aggregation.md §6.2–6.3), when
/// every client is eligible and the destination can hold everyone drawn.
/// </summary>
/// <remarks>
/// The destination should hold N ids: a draw that does not fit is truncated (and biased). Clients with
/// <c>p_i = 0</c> are never drawn (the estimator is then biased unless their U is 0: keep a floor, see
/// <see cref="ProbabilityFloor"/>).
/// </remarks>
public sealed class PoissonSampler : IClientSampler
{
    private double[] _p;
    private double[]? _cumulative;

    /// <summary>Creates the sampler.</summary>
    /// <param name="inclusionProbabilities">p_i per client, each in [0, 1].</param>
    public PoissonSampler(ReadOnlySpan<double> inclusionProbabilities)
    {
        _p = SamplerHelpers.ValidateProbabilities(inclusionProbabilities, nameof(inclusionProbabilities));
    }

    /// <inheritdoc />
    public string Name => "Poisson";

    /// <summary>The inclusion probabilities (a copy).</summary>
    public double[] InclusionProbabilities => (double[])_p.Clone();

    /// <summary>Replaces the inclusion probabilities.</summary>
    /// <param name="inclusionProbabilities">p_i per client, each in [0, 1].</param>
    public void SetProbabilities(ReadOnlySpan<double> inclusionProbabilities)
    {
        _p = SamplerHelpers.ValidateProbabilities(inclusionProbabilities, nameof(inclusionProbabilities));
        _cumulative = null;
    }

    /// <inheritdoc />
    public int Sample(int population, Span<int> destination, Span<double> unbiasedWeights, Random random, Func<int, bool>? eligible = null)
    {
        SamplerHelpers.CheckArguments(population, destination, unbiasedWeights, random);
        if (population != _p.Length)
        {
            throw new ArgumentException($"The sampler holds {_p.Length} probabilities but the population is {population}.", nameof(population));
        }

        int count = 0;
        for (int i = 0; i < population; i++)
        {
            // One uniform per client, drawn whether or not the client is eligible, so eligibility does not shift the stream.
            double u = random.NextDouble();
            if (u < _p[i] && (eligible is null || eligible(i)) && count < destination.Length)
            {
                destination[count] = i;
                if (!unbiasedWeights.IsEmpty)
                {
                    unbiasedWeights[count] = 1.0 / (population * _p[i]);
                }

                count++;
            }
        }

        return count;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Client <c>i</c> with probability <c>p_i / Σ_{j eligible} p_j</c>: a single slot takes one client of the
    /// independent-participation law, weighted by its inclusion probability, instead of a Poisson draw that may be
    /// empty (leaving the slot unfilled) or hold several clients (of which a one-slot destination would keep the
    /// lowest id). Clients with <c>p_i = 0</c> are never drawn; −1 when no eligible client has <c>p_i &gt; 0</c>.
    /// </remarks>
    public int SampleOne(int population, Random random, Func<int, bool>? eligible = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (population != _p.Length)
        {
            throw new ArgumentException($"The sampler holds {_p.Length} probabilities but the population is {population}.", nameof(population));
        }

        if (_cumulative is null)
        {
            var cumulative = new double[_p.Length];
            SamplerHelpers.CumulativeSums(_p, cumulative);
            _cumulative = cumulative;
        }

        return SamplerHelpers.WeightedEligible(_p, _cumulative, random, eligible);
    }
}
