using AsyncFl.Simulation.Partitioning;
using Xunit;

namespace AsyncFl.Simulation.Tests.Partitioning;

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

    // Vectors computed by hand from the formulas of spec schedulers.md §0.3 and aggregation.md §3.2, §7 (derivations in the
    // comments).
    // 3 classes of 7, 11 and 13 rows (31 rows), 3 partitions, α = 10⁶ so q ≈ (⅓, ⅓, ⅓) to ~3e−4.
    private static int[] UnevenLabels()
    {
        var labels = new List<int>();
        int[] counts = [7, 11, 13];
        for (int k = 0; k < 3; k++)
        {
            labels.AddRange(Enumerable.Repeat(k * 10, counts[k])); // labels 0, 10, 20 (not 0..C−1)
        }

        // interleave so row index and class are not aligned
        return [.. labels.Select((l, i) => (l, key: (i * 17) % 31)).OrderBy(t => t.key).Select(t => t.l)];
    }

    private static DirichletPerClassPartitioner Dirichlet(RemainderPolicy policy, int minSize = 0) =>
        new(new DirichletPerClassOptions { PartitionCount = 3, Alpha = 1e6, MinPartitionSize = minSize, Remainder = policy, Seed = 5 });

    private static int[] CountByClass(int[] labels, int[] rows) =>
        [rows.Count(r => labels[r] == 0), rows.Count(r => labels[r] == 10), rows.Count(r => labels[r] == 20)];

    [Fact]
    public void CumsumFloorAssignsEveryRowExactlyOnceWithHandComputedSizes()
    {
        int[] labels = UnevenLabels();
        int[][] parts = Dirichlet(RemainderPolicy.CumsumFloor, minSize: 9).Partition(labels);
        Assert.Equal(Enumerable.Range(0, 31), parts.SelectMany(p => p).OrderBy(i => i));
        // cuts floor(7/3)=2, floor(14/3)=4 → 2,2,3; 11 → 3,4,4; 13 → 4,4,5 ⇒ sizes 9, 10, 12.
        Assert.Equal([9, 10, 12], parts.Select(p => p.Length));
        Assert.Equal([2, 3, 4], CountByClass(labels, parts[0]));
        Assert.Equal([3, 4, 5], CountByClass(labels, parts[2]));
    }

    [Fact]
    public void DropRemainderDropsOnlyTheFloorLeftovers()
    {
        int[] labels = UnevenLabels();
        int[][] parts = Dirichlet(RemainderPolicy.DropRemainder).Partition(labels);
        int[] all = [.. parts.SelectMany(p => p)];
        Assert.Equal(all.Length, all.Distinct().Count());
        // floor(7/3)=2, floor(11/3)=3, floor(13/3)=4 per partition: 27 kept, 1 + 2 + 1 dropped.
        Assert.Equal(27, all.Length);
        foreach (int[] p in parts)
        {
            Assert.Equal([2, 3, 4], CountByClass(labels, p));
        }
    }

    [Fact]
    public void RandomAssignKeepsEveryRow()
    {
        int[] labels = UnevenLabels();
        int[][] parts = Dirichlet(RemainderPolicy.RandomAssign).Partition(labels);
        Assert.Equal(Enumerable.Range(0, 31), parts.SelectMany(p => p).OrderBy(i => i));
    }

    [Fact]
    public void MinimumSizeFailureThrowsAfterMaxRetriesPlusOneAttempts()
    {
        // 10 rows cannot give 5 partitions ≥ 3 rows each.
        var partitioner = new DirichletPerClassPartitioner(new DirichletPerClassOptions { PartitionCount = 5, MinPartitionSize = 3, MaxRetries = 4 });
        int[] labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];
        var ex = Assert.Throws<PartitioningException>(() => partitioner.Partition(labels));
        Assert.Contains("MinPartitionSize = 3", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, partitioner.LastAttempts);
        Assert.Throws<ArgumentException>(() => new DirichletPerClassPartitioner(new DirichletPerClassOptions { PartitionCount = 11 }).Partition(labels));
        var defaults = new DirichletPerClassOptions();
        Assert.Equal((10, false, true, 42L, 10), (defaults.MinPartitionSize, defaults.SelfBalancing, defaults.Shuffle, defaults.Seed, defaults.MaxRetries));
    }
}
