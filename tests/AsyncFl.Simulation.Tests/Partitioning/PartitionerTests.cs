using AsyncFl.Simulation.Partitioning;
using Xunit;

namespace AsyncFl.Simulation.Tests.Partitioning;

internal static class PartitionAssert
{
    /// <summary>10 classes × <paramref name="perClass"/> rows, labels interleaved.</summary>
    public static int[] Labels(int perClass, int classes = 10) =>
        Enumerable.Range(0, perClass * classes).Select(i => i % classes).ToArray();

    public static void DisjointCover(int[][] parts, int rows, bool complete)
    {
        var seen = new bool[rows];
        int total = 0;
        foreach (int[] p in parts)
        {
            foreach (int i in p)
            {
                Assert.InRange(i, 0, rows - 1);
                Assert.False(seen[i], $"row {i} appears twice");
                seen[i] = true;
                total++;
            }
        }

        if (complete)
        {
            Assert.Equal(rows, total);
        }
    }

    /// <summary>Mean total-variation distance between each partition's class mix and the uniform mix.</summary>
    public static double MeanTvToUniform(int[][] parts, int[] labels, int classes)
    {
        double sum = 0;
        int counted = 0;
        foreach (int[] p in parts)
        {
            if (p.Length == 0)
            {
                continue;
            }

            var h = new double[classes];
            foreach (int i in p)
            {
                h[labels[i]]++;
            }

            sum += 0.5 * h.Sum(c => Math.Abs((c / p.Length) - (1.0 / classes)));
            counted++;
        }

        return sum / counted;
    }
}

public class DirichletPerClassPartitionerTests
{
    [Theory]
    [InlineData(RemainderPolicy.CumsumFloor)]
    [InlineData(RemainderPolicy.RandomAssign)]
    public void CoversEveryRowOnceAndRespectsMinSize(RemainderPolicy policy)
    {
        int[] labels = PartitionAssert.Labels(200);
        var p = new DirichletPerClassPartitioner(new DirichletPerClassOptions { PartitionCount = 20, Alpha = 0.5, Remainder = policy });
        int[][] parts = p.Partition(labels);
        Assert.Equal(20, parts.Length);
        PartitionAssert.DisjointCover(parts, labels.Length, complete: true);
        Assert.All(parts, part => Assert.True(part.Length >= 10));
    }

    [Fact]
    public void DropRemainderLosesAtMostOneRowPerPartitionPerClass()
    {
        int[] labels = PartitionAssert.Labels(101);
        var p = new DirichletPerClassPartitioner(new DirichletPerClassOptions { PartitionCount = 7, Alpha = 1, Remainder = RemainderPolicy.DropRemainder });
        int[][] parts = p.Partition(labels);
        PartitionAssert.DisjointCover(parts, labels.Length, complete: false);
        int used = parts.Sum(x => x.Length);
        Assert.InRange(labels.Length - used, 0, 6 * 10); // per class Σ frac(q_i·count) < 7, an integer: ≤ 6 rows; 10 classes
    }

    [Fact]
    public void ClassMixTendsToUniformAsAlphaGrows()
    {
        int[] labels = PartitionAssert.Labels(500);
        double Tv(double alpha) => PartitionAssert.MeanTvToUniform(
            new DirichletPerClassPartitioner(new DirichletPerClassOptions { PartitionCount = 10, Alpha = alpha, MinPartitionSize = 0 }).Partition(labels),
            labels,
            10);
        double skewed = Tv(0.1), near = Tv(100);
        Assert.True(skewed > 0.5, $"TV at α=0.1: {skewed}");
        Assert.True(near < 0.1, $"TV at α=100: {near}");
    }

    [Fact]
    public void SameSeedSamePartitionDifferentSeedDifferent()
    {
        int[] labels = PartitionAssert.Labels(100);
        int[][] a = new DirichletPerClassPartitioner(new DirichletPerClassOptions { Seed = 3 }).Partition(labels);
        int[][] b = new DirichletPerClassPartitioner(new DirichletPerClassOptions { Seed = 3 }).Partition(labels);
        int[][] c = new DirichletPerClassPartitioner(new DirichletPerClassOptions { Seed = 4 }).Partition(labels);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void ClearErrorWhenTheRetryLimitIsHit()
    {
        int[] labels = PartitionAssert.Labels(10); // 100 rows, 10 partitions of ≥ 10 each: impossible with α = 0.01
        var p = new DirichletPerClassPartitioner(new DirichletPerClassOptions { PartitionCount = 10, Alpha = 0.01, MaxRetries = 3 });
        var e = Assert.Throws<PartitioningException>(() => p.Partition(labels));
        Assert.Contains("after 4 attempts", e.Message, StringComparison.Ordinal);
        Assert.Contains("MinPartitionSize = 10", e.Message, StringComparison.Ordinal);
        Assert.Equal(4, p.LastAttempts);
        Assert.Throws<ArgumentException>(() => new DirichletPerClassPartitioner(new DirichletPerClassOptions { PartitionCount = 200 }).Partition(labels));
    }

    [Fact]
    public void SelfBalancingKeepsSizesCloserToTheAverage()
    {
        int[] labels = PartitionAssert.Labels(300);
        double Spread(bool balance)
        {
            int[][] parts = new DirichletPerClassPartitioner(new DirichletPerClassOptions
            {
                PartitionCount = 10, Alpha = 0.3, SelfBalancing = balance, MinPartitionSize = 0,
            }).Partition(labels);
            return parts.Max(x => x.Length) - parts.Min(x => x.Length);
        }

        Assert.True(Spread(true) < Spread(false), $"balanced {Spread(true)} vs {Spread(false)}");
    }

    [Fact]
    public void OptionsErrorsAreListedTogether()
    {
        var e = Assert.Throws<ArgumentException>(() => new DirichletPerClassPartitioner(new DirichletPerClassOptions
        {
            PartitionCount = 3, Alphas = [1.0, -1.0], MinPartitionSize = -1, MaxRetries = -2,
        }));
        Assert.Contains("Alphas has 2 entries", e.Message, StringComparison.Ordinal);
        Assert.Contains("Alphas[1]", e.Message, StringComparison.Ordinal);
        Assert.Contains("MinPartitionSize", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxRetries", e.Message, StringComparison.Ordinal);
    }
}

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
