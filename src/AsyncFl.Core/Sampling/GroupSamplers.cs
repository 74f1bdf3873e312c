namespace AsyncFl.Sampling;

/// <summary>
/// Block sampling (cohort squeeze's BS, spec schedulers.md §7.1): the clients are partitioned into fixed blocks and
/// one block, chosen uniformly among the blocks with an eligible member, forms the cohort. Inclusion probability
/// <c>π_i = 1/#blocks</c>; weights <c>#blocks/N</c> (unbiased for the population mean when all are eligible and the
/// destination holds the largest block).
/// </summary>
public sealed class BlockSampler : IClientSampler
{
    private readonly int[][] _blocks;
    private readonly int _population;
    private int[] _candidates;
    private int[] _eligible = [];

    /// <summary>Creates the sampler.</summary>
    /// <param name="blocks">A partition of <c>0 … N−1</c> into non-empty blocks.</param>
    public BlockSampler(IReadOnlyList<IReadOnlyList<int>> blocks)
    {
        _blocks = GroupValidation.Partition(blocks, nameof(blocks), out _population);
        _candidates = new int[_blocks.Length];
    }

    /// <inheritdoc />
    public string Name => "Block";

    /// <summary>Number of blocks.</summary>
    public int BlockCount => _blocks.Length;

    /// <inheritdoc />
    public int Sample(int population, Span<int> destination, Span<double> unbiasedWeights, Random random, Func<int, bool>? eligible = null)
    {
        SamplerHelpers.CheckArguments(population, destination, unbiasedWeights, random);
        GroupValidation.CheckPopulation(population, _population);
        int c = 0;
        for (int b = 0; b < _blocks.Length; b++)
        {
            if (eligible is null || Array.Exists(_blocks[b], eligible.Invoke))
            {
                _candidates[c++] = b;
            }
        }

        if (c == 0)
        {
            return 0;
        }

        int[] block = _blocks[_candidates[random.Next(c)]];
        int count = 0;
        foreach (int id in block)
        {
            if (count < destination.Length && (eligible is null || eligible(id)))
            {
                destination[count] = id;
                if (!unbiasedWeights.IsEmpty)
                {
                    unbiasedWeights[count] = (double)_blocks.Length / population;
                }

                count++;
            }
        }

        return count;
    }

    /// <inheritdoc />
    /// <remarks>Every client's inclusion probability is <c>1/#blocks</c>: one client uniformly among the eligible ones.</remarks>
    public int SampleOne(int population, Random random, Func<int, bool>? eligible = null)
    {
        GroupValidation.CheckPopulation(population, _population);
        return SamplerHelpers.UniformEligible(population, random, eligible, ref _eligible);
    }
}

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

            if (ne == 0)
            {
                continue;
            }

            destination[count] = _scratch[random.Next(ne)];
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
            if (eligible is null || Array.Exists(_strata[s], eligible.Invoke))
            {
                _candidates[c++] = s;
            }
        }

        if (c == 0)
        {
            return -1;
        }

        int[] stratum = _strata[_candidates[random.Next(c)]];
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

        return _scratch[random.Next(ne)];
    }
}

internal static class GroupValidation
{
    public static int[][] Partition(IReadOnlyList<IReadOnlyList<int>> groups, string name, out int population)
    {
        ArgumentNullException.ThrowIfNull(groups, name);
        var result = new int[groups.Count][];
        int total = 0;
        for (int g = 0; g < groups.Count; g++)
        {
            if (groups[g] is null || groups[g].Count == 0)
            {
                throw new ArgumentException($"{name}[{g}] is null or empty.", name);
            }

            result[g] = [.. groups[g]];
            total += result[g].Length;
        }

        var seen = new bool[total];
        foreach (int[] group in result)
        {
            foreach (int id in group)
            {
                if (id < 0 || id >= total || seen[id])
                {
                    throw new ArgumentException($"{name} must partition 0 … {total - 1}: id {id} is out of range or repeated.", name);
                }

                seen[id] = true;
            }
        }

        if (result.Length == 0)
        {
            throw new ArgumentException($"{name} must contain at least one group.", name);
        }

        population = total;
        return result;
    }

    public static void CheckPopulation(int population, int expected)
    {
        if (population != expected)
        {
            throw new ArgumentException($"The sampler's groups cover {expected} clients but the population is {population}.", nameof(population));
        }
    }
}
