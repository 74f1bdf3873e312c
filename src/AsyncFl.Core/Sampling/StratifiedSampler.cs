namespace AsyncFl.Sampling;

/// <summary>
/// Stratified sampling (cohort squeeze's SS): one client drawn uniformly from each stratum (among its eligible
/// members). Inclusion probability <c>π_i = 1/|stratum(i)|</c>; weights <c>|stratum(i)|/N</c>. Lowest variance when the
/// strata group similar clients.
/// </summary>
public sealed class StratifiedSampler : IClientSampler
{
    private readonly int[][] _strata;
    private readonly int _population;
    private int[] _scratch = [];
    private int[] _candidates = [];

    /// <summary>Creates the sampler.</summary>
    /// <param name="strata">A partition of <c>0 … N−1</c> into non-empty strata.</param>
    public StratifiedSampler(IReadOnlyList<IReadOnlyList<int>> strata)
    {
        _strata = GroupValidation.Partition(strata, nameof(strata), out _population);
    }

    /// <inheritdoc />
    public string Name => "Stratified";

    /// <summary>Number of strata (the cohort size).</summary>
    public int StratumCount => _strata.Length;

    /// <inheritdoc />
    public int Sample(int population, Span<int> destination, Span<double> unbiasedWeights, Random random, Func<int, bool>? eligible = null)
    {
        SamplerHelpers.CheckArguments(population, destination, unbiasedWeights, random);
        GroupValidation.CheckPopulation(population, _population);
        int count = 0;
        foreach (int[] stratum in _strata)
        {
            if (count >= destination.Length)
            {
                break;
            }

            int picked = PickEligible(stratum, random, eligible);
            if (picked < 0)
            {
                continue;
            }

            destination[count] = picked;
            if (!unbiasedWeights.IsEmpty)
            {
                unbiasedWeights[count] = (double)stratum.Length / population;
            }

            count++;
        }

        return count;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Client <c>i</c> with probability ∝ its inclusion probability <c>1/|stratum(i)|</c>: a stratum uniformly among
    /// those with an eligible member, then one of its eligible members uniformly.
    /// </remarks>
    public int SampleOne(int population, Random random, Func<int, bool>? eligible = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        GroupValidation.CheckPopulation(population, _population);
        if (_candidates.Length < _strata.Length)
        {
            _candidates = new int[_strata.Length];
        }

        int c = 0;
        for (int s = 0; s < _strata.Length; s++)
        {
            if (eligible is null || HasEligible(_strata[s], eligible))
            {
                _candidates[c++] = s;
            }
        }

        if (c == 0)
        {
            return -1;
        }

        return PickEligible(_strata[_candidates[random.Next(c)]], random, eligible);
    }

    private static bool HasEligible(int[] stratum, Func<int, bool> eligible)
    {
        foreach (int id in stratum)
        {
            if (eligible(id))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One of the stratum's eligible members, uniformly (one draw), or −1 (no draw) when none is eligible.</summary>
    private int PickEligible(int[] stratum, Random random, Func<int, bool>? eligible)
    {
        if (_scratch.Length < stratum.Length)
        {
            _scratch = new int[stratum.Length];
        }

        int ne = 0;
        foreach (int id in stratum)
        {
            if (eligible is null || eligible(id))
            {
                _scratch[ne++] = id;
            }
        }

        return ne == 0 ? -1 : _scratch[random.Next(ne)];
    }
}
