using AsyncFl.Sampling;
using Xunit;

namespace AsyncFl.Core.Tests.Sampling;

/// <summary>Block and stratified sampling over groups that partition the population.</summary>
public class GroupSamplerTests
{
    private static readonly int[][] Groups = [[0, 1, 2], [3, 4], [5]];

    private static readonly double[] Values = [1, 2, 3, 10, 20, 100];

    private static void Near(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    private static double EstimatorMean(IClientSampler sampler, int capacity, int trials, long seed)
    {
        var rng = new RandomSource(seed);
        var ids = new int[capacity];
        var w = new double[capacity];
        double sum = 0;
        for (int t = 0; t < trials; t++)
        {
            int k = sampler.Sample(6, ids, w, rng);
            for (int j = 0; j < k; j++)
            {
                sum += w[j] * Values[ids[j]];
            }
        }

        return sum / trials;
    }

    [Fact]
    public void StratifiedTakesOnePerStratumWithHorvitzThompsonWeights()
    {
        var s = new StratifiedSampler(Groups);
        var ids = new int[3];
        var w = new double[3];
        Assert.Equal(3, s.Sample(6, ids, w, new RandomSource(1)));
        Assert.InRange(ids[0], 0, 2);
        Assert.InRange(ids[1], 3, 4);
        Assert.Equal(5, ids[2]);
        Assert.Equal([3.0 / 6, 2.0 / 6, 1.0 / 6], w);
        // Unbiased for the mean 136/6: standard error here < 0.01.
        Assert.InRange(EstimatorMean(s, 3, 100_000, 2), (136.0 / 6) - 0.05, (136.0 / 6) + 0.05);
    }

    [Fact]
    public void BlockTakesAWholeBlockWithWeightBlocksOverN()
    {
        var b = new BlockSampler(Groups);
        var ids = new int[3];
        var w = new double[3];
        int k = b.Sample(6, ids, w, new RandomSource(3));
        int[] block = Groups.Single(g => g.Contains(ids[0]));
        Assert.Equal(block.Length, k);
        Assert.Equal(block, ids.Take(k).ToArray());
        Assert.All(w.Take(k), x => Assert.Equal(0.5, x, 15));
        // Unbiased: E = (1/3)·(3/6)·(6 + 30 + 100)... = 136/6. Standard error ≈ 0.1; tolerance 0.6.
        Assert.InRange(EstimatorMean(b, 3, 100_000, 4), (136.0 / 6) - 0.6, (136.0 / 6) + 0.6);
    }

    [Fact]
    public void GroupsMustPartitionThePopulation()
    {
        Assert.Throws<ArgumentException>(() => new BlockSampler([[0, 1], [1]]));
        Assert.Throws<ArgumentException>(() => new StratifiedSampler([[0, 2]]));
        Assert.Throws<ArgumentException>(() => new StratifiedSampler([[0], []]));
    }

    [Fact]
    public void GroupSamplersUseOneOverNPiWeights()
    {
        var block = new BlockSampler([[0, 1], [2, 3, 4]]);
        var ids = new int[5];
        var w = new double[5];
        int c = block.Sample(5, ids, w, RandomSource.Create(1, 1));
        for (int k = 0; k < c; k++)
        {
            Near(2.0 / 5.0, w[k]);                    // π = 1/2 → 1/(5·½)
        }

        var strat = new StratifiedSampler([[0], [1, 2, 3]]);
        c = strat.Sample(4, ids.AsSpan(0, 2), w.AsSpan(0, 2), RandomSource.Create(1, 2));
        Assert.Equal(2, c);
        Assert.Equal(0, ids[0]);
        Near(1.0 / 4.0, w[0]);                        // π = 1
        Near(3.0 / 4.0, w[1]);                        // π = 1/3
    }
}
