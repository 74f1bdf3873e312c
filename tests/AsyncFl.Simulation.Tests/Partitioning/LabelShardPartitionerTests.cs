using AsyncFl.Simulation.Partitioning;
using Xunit;

namespace AsyncFl.Simulation.Tests.Partitioning;

public class LabelShardPartitionerTests
{
    [Fact]
    public void EachClientHoldsExactlyCClassesAndAllRowsAreUsed()
    {
        int[] labels = PartitionAssert.Labels(60);
        int[][] parts = new LabelShardPartitioner(20, 2, seed: 5).Partition(labels);
        PartitionAssert.DisjointCover(parts, labels.Length, complete: true);
        Assert.All(parts, p => Assert.Equal(2, p.Select(i => labels[i]).Distinct().Count()));
        Assert.Throws<ArgumentException>(() => new LabelShardPartitioner(3, 11).Partition(labels));
    }
}
