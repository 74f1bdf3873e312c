using AsyncFl.Simulation.Partitioning;
using Xunit;

namespace AsyncFl.Simulation.Tests.Partitioning;

public class DirichletPerClientPartitionerTests
{
    [Fact]
    public void EqualSizesDisjointAndSkewShrinksWithAlpha()
    {
        int[] labels = PartitionAssert.Labels(400);
        int[][] Parts(double alpha) => new DirichletPerClientPartitioner(new DirichletPerClientOptions { PartitionCount = 20, Alpha = alpha, Seed = 1 }).Partition(labels);
        int[][] skewed = Parts(0.1);
        Assert.All(skewed, p => Assert.Equal(200, p.Length));
        PartitionAssert.DisjointCover(skewed, labels.Length, complete: true);
        double tvSkewed = PartitionAssert.MeanTvToUniform(skewed, labels, 10);
        double tvNear = PartitionAssert.MeanTvToUniform(Parts(100), labels, 10);
        Assert.True(tvSkewed > 0.4, $"TV at α=0.1: {tvSkewed}");
        // at α = 100 only multinomial sampling noise of 200 draws over 10 classes remains (≈ 0.1)
        Assert.True(tvNear < 0.2, $"TV at α=100: {tvNear}");
        Assert.True(tvSkewed > 3 * tvNear, $"{tvSkewed} vs {tvNear}");
    }

    [Fact]
    public void TinyAlphaGivesMostlyOneClassPerClient()
    {
        int[] labels = PartitionAssert.Labels(1000);
        int[][] parts = new DirichletPerClientPartitioner(new DirichletPerClientOptions { PartitionCount = 5, Alpha = 1e-3, SamplesPerClient = 100 }).Partition(labels);
        foreach (int[] p in parts)
        {
            int top = p.GroupBy(i => labels[i]).Max(g => g.Count());
            Assert.True(top >= 95, $"dominant class has {top} of 100");
        }
    }

    [Fact]
    public void RejectsTooManySamples() =>
        Assert.Throws<ArgumentException>(() => new DirichletPerClientPartitioner(new DirichletPerClientOptions { PartitionCount = 10, SamplesPerClient = 11 }).Partition(PartitionAssert.Labels(10)));
}
