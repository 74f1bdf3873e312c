using AsyncFl.Sampling;
using FsCheck.Xunit;
using Xunit;

namespace AsyncFl.Core.Tests.Sampling;

/// <summary>Uniform sampling with and without replacement (spec aggregation.md §6.1).</summary>
public class UniformSamplerTests
{
    private static readonly double[] Population = Enumerable.Range(0, 20).Select(i => (double)((i * 7) % 11) + (0.3 * i)).ToArray();

    private static double PopulationVariance()
    {
        double mean = Population.Average();
        return Population.Sum(x => (x - mean) * (x - mean)) / Population.Length;
    }

    private static (double Mean, double Variance) EstimatorMoments(IClientSampler sampler, int m, int trials, long seed)
    {
        var rng = new RandomSource(seed);
        var ids = new int[m];
        var w = new double[m];
        double sum = 0, sumSq = 0;
        for (int t = 0; t < trials; t++)
        {
            int k = sampler.Sample(Population.Length, ids, w, rng);
            double est = 0;
            for (int j = 0; j < k; j++)
            {
                est += w[j] * Population[ids[j]];
            }

            sum += est;
            sumSq += est * est;
        }

        double mean = sum / trials;
        return (mean, (sumSq / trials) - (mean * mean));
    }

    // spec aggregation.md §6.1: Var = σ²/m with replacement. 200 000 trials: relative standard error of the
    // variance estimate ≈ √(2/T) ≈ 0.3 %; tolerance 3 % (10 standard errors).
    [Fact]
    public void WithReplacementVarianceIsSigmaSquaredOverM()
    {
        const int m = 5;
        var (mean, variance) = EstimatorMoments(new UniformWithReplacementSampler(), m, 200_000, 1);
        double expected = PopulationVariance() / m;
        Assert.InRange(variance, expected * 0.97, expected * 1.03);
        Assert.InRange(mean, Population.Average() - 0.02, Population.Average() + 0.02);
    }

    // Without replacement: σ²/m·(N−m)/(N−1), distinguishable from σ²/m (ratio 15/19 ≈ 0.79).
    [Fact]
    public void WithoutReplacementVarianceHasTheFinitePopulationCorrection()
    {
        const int m = 5, n = 20;
        var (mean, variance) = EstimatorMoments(new UniformWithoutReplacementSampler(), m, 200_000, 2);
        double expected = PopulationVariance() / m * (n - m) / (n - 1);
        Assert.InRange(variance, expected * 0.97, expected * 1.03);
        Assert.InRange(mean, Population.Average() - 0.02, Population.Average() + 0.02);
    }

    [Fact]
    public void WithoutReplacementNeverRepeatsAndIncludesEachClientWithProbabilityMOverN()
    {
        const int n = 30, m = 7, trials = 100_000;
        var sampler = new UniformWithoutReplacementSampler();
        var rng = new RandomSource(3);
        var ids = new int[m];
        var w = new double[m];
        var counts = new int[n];
        for (int t = 0; t < trials; t++)
        {
            Assert.Equal(m, sampler.Sample(n, ids, w, rng));
            Assert.Equal(m, ids.Distinct().Count());
            Assert.All(w, x => Assert.Equal(1.0 / m, x, 15));
            foreach (int id in ids)
            {
                counts[id]++;
            }
        }

        double p = (double)m / n, se = Math.Sqrt(trials * p * (1 - p));
        Assert.All(counts, c => Assert.InRange(c, (trials * p) - (5 * se), (trials * p) + (5 * se)));
    }

    [Fact]
    public void EligibilityIsRespectedAndShortDrawsAreReported()
    {
        var sampler = new UniformWithoutReplacementSampler();
        var ids = new int[5];
        int k = sampler.Sample(10, ids, [], new RandomSource(4), c => c % 4 == 0);
        Assert.Equal(3, k); // 0, 4, 8
        Assert.Equal([0, 4, 8], ids.Take(k).Order().ToArray());

        var with = new UniformWithReplacementSampler();
        var many = new int[50];
        Assert.Equal(50, with.Sample(10, many, [], new RandomSource(5), c => c >= 8));
        Assert.All(many, id => Assert.InRange(id, 8, 9));
        Assert.Equal(0, with.Sample(10, many, [], new RandomSource(5), _ => false));
    }

    [Fact]
    public void SameSeedSameDraw()
    {
        var a = new int[6];
        var b = new int[6];
        new UniformWithoutReplacementSampler().Sample(100, a, [], new RandomSource(42));
        new UniformWithoutReplacementSampler().Sample(100, b, [], new RandomSource(42));
        Assert.Equal(a, b);
    }

    [Property(MaxTest = 200)]
    public bool WithoutReplacementDrawsMinOfMAndEligibleDistinctEligibleIds(byte populationRaw, byte mRaw, int seed, byte modRaw)
    {
        int n = populationRaw % 60, m = mRaw % 20, mod = 1 + (modRaw % 4);
        var ids = new int[m];
        var w = new double[m];
        int k = new UniformWithoutReplacementSampler().Sample(n, ids, w, new RandomSource(seed), c => c % mod == 0);
        int eligible = (n + mod - 1) / mod;
        return k == Math.Min(m, eligible)
            && ids.Take(k).Distinct().Count() == k
            && ids.Take(k).All(c => c % mod == 0 && c < n)
            && w.Take(k).All(x => Math.Abs(x - (1.0 / k)) < 1e-15);
    }

    [Fact]
    public void WithoutReplacementIncludesEachClientWithProbabilityMOverN()
    {
        var sampler = new UniformWithoutReplacementSampler();
        var rng = RandomSource.Create(5, 2);
        var ids = new int[2];
        var w = new double[2];
        var hits = new int[6];
        int draws = 30_000;
        for (int d = 0; d < draws; d++)
        {
            Assert.Equal(2, sampler.Sample(6, ids, w, rng));
            Assert.NotEqual(ids[0], ids[1]);
            Assert.Equal(0.5, w[0]);                  // HT: 1/(N·m/N) = 1/m
            Assert.Equal(0.5, w[1]);
            hits[ids[0]]++;
            hits[ids[1]]++;
        }

        // π = m/N = 1/3; sd of the frequency ≈ 0.0027.
        foreach (int h in hits)
        {
            Assert.InRange(h / (double)draws, 1.0 / 3 - 0.015, 1.0 / 3 + 0.015);
        }
    }
}
