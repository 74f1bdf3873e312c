namespace AsyncFl.Simulation.Partitioning;

/// <summary>
/// IID split: the rows are shuffled (seeded) and cut into N contiguous blocks whose sizes differ by at most one
/// (the first <c>rows mod N</c> partitions get one extra row). Every row is used once.
/// </summary>
public sealed class IidPartitioner : IPartitioner
{
    private readonly long _seed;

    /// <summary>Creates the partitioner.</summary>
    /// <param name="partitionCount">N ≥ 1.</param>
    /// <param name="seed">The seed of the shuffle.</param>
    public IidPartitioner(int partitionCount, long seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        PartitionCount = partitionCount;
        _seed = seed;
    }

    /// <inheritdoc />
    public int PartitionCount { get; }

    /// <inheritdoc />
    public int[][] Partition(ReadOnlySpan<int> labels)
    {
        int rows = labels.Length;
        var order = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            order[i] = i;
        }

        PartitionHelpers.Shuffle(order.AsSpan(), new RandomSource(_seed));
        int n = PartitionCount;
        var result = new int[n][];
        int at = 0;
        for (int i = 0; i < n; i++)
        {
            int size = (rows / n) + (i < rows % n ? 1 : 0);
            result[i] = order.AsSpan(at, size).ToArray();
            at += size;
        }

        return result;
    }
}
