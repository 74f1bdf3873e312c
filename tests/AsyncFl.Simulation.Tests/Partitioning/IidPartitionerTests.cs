using AsyncFl.Simulation.Partitioning;
using Xunit;

namespace AsyncFl.Simulation.Tests.Partitioning;

public class IidPartitionerTests
{
    [Fact]
    public void EvenSizesFullCoverNearUniformMix()
    {
        int[] labels = PartitionAssert.Labels(103);
        int[][] parts = new IidPartitioner(7, seed: 1).Partition(labels);
        PartitionAssert.DisjointCover(parts, labels.Length, complete: true);
        Assert.All(parts, p => Assert.InRange(p.Length, 147, 148));
        Assert.True(PartitionAssert.MeanTvToUniform(parts, labels, 10) < 0.15);
        Assert.Equal(parts, new IidPartitioner(7, seed: 1).Partition(labels));
    }
}
