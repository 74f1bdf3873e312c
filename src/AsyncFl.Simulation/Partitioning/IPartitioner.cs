namespace AsyncFl.Simulation.Partitioning;

/// <summary>
/// Splits a labelled dataset between clients: given the label of every row, returns one list of row indices per
/// partition. Deterministic from the partitioner's seed. Partitions are disjoint; whether every row is used depends on
/// the partitioner (documented on each).
/// </summary>
public interface IPartitioner
{
    /// <summary>Number of partitions (clients).</summary>
    int PartitionCount { get; }

    /// <summary>Partitions the rows.</summary>
    /// <param name="labels">The label (class) of each row; any integers.</param>
    /// <returns><c>PartitionCount</c> arrays of row indices.</returns>
    int[][] Partition(ReadOnlySpan<int> labels);
}
