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
    private readonly int[] _candidates;
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
