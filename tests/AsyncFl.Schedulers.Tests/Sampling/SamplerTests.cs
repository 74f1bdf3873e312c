
using AsyncFl.Sampling;
using Xunit;

namespace AsyncFl.Schedulers.Tests;
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
}

public class EpochSamplerTests
{
    [Fact]
    public void EveryoneBeforeAnyoneTwice()
    {
        const int n = 12, m = 4;
        var sampler = new EpochSampler();
        var rng = new RandomSource(6);
        var ids = new int[m];
        for (int epoch = 0; epoch < 5; epoch++)
        {
            var seen = new List<int>();
            for (int r = 0; r < n / m; r++)
            {
                Assert.Equal(m, sampler.Sample(n, ids, [], rng));
                seen.AddRange(ids);
            }

            Assert.Equal(Enumerable.Range(0, n), seen.Order());
        }
    }

    [Fact]
    public void DrawsNeverRepeatEvenAcrossAnEpochBoundaryAndParticipationIsGuaranteed()
    {
        const int n = 10, m = 4, rounds = 50;
        var sampler = new EpochSampler();
        var rng = new RandomSource(7);
        var ids = new int[m];
        var counts = new int[n];
        for (int r = 0; r < rounds; r++)
        {
            Assert.Equal(m, sampler.Sample(n, ids, [], rng));
            Assert.Equal(m, ids.Distinct().Count());
            foreach (int id in ids)
            {
                counts[id]++;
            }
        }

        // spec aggregation.md §6.4: participation ≥ ⌊R·m/N⌋ = 20; here R·m = 200 draws are exactly 20 whole epochs,
        // so "everyone before anyone twice" gives every client exactly 20 turns.
        Assert.All(counts, c => Assert.Equal(rounds * m / n, c));
    }

    [Fact]
    public void IneligibleClientsKeepTheirTurn()
    {
        var sampler = new EpochSampler();
        var rng = new RandomSource(8);
        var ids = new int[3];
        bool[] online = [true, true, true, true, true, false];
        var first = new List<int>();
        first.AddRange(ids.Take(sampler.Sample(6, ids, [], rng, c => online[c])));
        first.AddRange(ids.Take(sampler.Sample(6, ids, [], rng, c => online[c])));
        Assert.DoesNotContain(5, first);
        Assert.Equal(5, first.Distinct().Count());
        Assert.Equal(5, sampler.RemainingInEpoch); // a new epoch began, with client 5 kept at its front
        online[5] = true;
        int k = sampler.Sample(6, ids.AsSpan(0, 1), [], rng, c => online[c]);
        Assert.Equal(1, k);
        Assert.Equal(5, ids[0]);
    }
}

public class OptimalSamplingTests
{
    private static readonly double[] SpecNorms = [.01, .02, .02, .03, .05, .05, .1, .2, .6, .9];

    // spec aggregation.md §6.2 example: p = [.021,.042,.042,.062,.104,.104,.208,.417,1,1], Σ = 3.
    [Fact]
    public void SpecExampleIsReproduced()
    {
        var p = new double[10];
        OptimalSampling.Probabilities(SpecNorms, 3, p);
        double[] expected = [.021, .042, .042, .062, .104, .104, .208, .417, 1, 1];
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(expected[i], Math.Round(p[i], 3), 9);
        }

        Assert.Equal(3, p.Sum(), 12);
        Assert.Equal(0.1736, Math.Round(OptimalSampling.Variance(SpecNorms, p), 4), 9);
        Assert.Equal(2.8625, Math.Round(OptimalSampling.Variance(SpecNorms, Enumerable.Repeat(0.3, 10).ToArray()), 4), 9);
    }

    // FedLab's OptimalSampler applies the proportional formula to indices j ≤ l (0-based), one capped client too many.
    private static double[] FedLabOffByOne(double[] sortedNorms, double m)
    {
        int n = sortedNorms.Length, l = 0;
        for (int j = 1; j <= n; j++)
        {
            double mass = m + j - n;
            if (mass > 0 && mass <= sortedNorms.Take(j).Sum() / sortedNorms[j - 1])
            {
                l = j;
            }
        }

        double sum = sortedNorms.Take(l).Sum();
        return Enumerable.Range(0, n).Select(j => j <= l ? (m + l - n) * sortedNorms[j] / sum : 1.0).ToArray();
    }

    [Fact]
    public void FedLabsOffByOneWouldFailThisExample()
    {
        var fedlab = FedLabOffByOne(SpecNorms, 3);
        Assert.Equal(1.25, fedlab[8], 9);          // the spec's verified bad value
        Assert.Equal(3.25, fedlab.Sum(), 9);

        var p = new double[10];
        OptimalSampling.Probabilities(SpecNorms, 3, p);
        Assert.All(p, x => Assert.InRange(x, 0, 1));
        Assert.NotEqual(fedlab.Sum(), p.Sum(), 6);
    }

    [Fact]
    public void UncappedCaseIsProportionalAndOrderDoesNotMatter()
    {
        double[] u = [3, 1, 2, 2];
        var p = new double[4];
        OptimalSampling.Probabilities(u, 2, p);
        Assert.Equal([0.75, 0.25, 0.5, 0.5], p);
        OptimalSampling.Probabilities(u, 4, p);
        Assert.All(p, x => Assert.Equal(1.0, x, 12));
    }

    [Fact]
    public void CappedSolutionIsFeasibleAndBeatsRandomFeasiblePoints()
    {
        var rng = new RandomSource(12);
        for (int t = 0; t < 100; t++)
        {
            int n = 2 + rng.Next(20);
            var u = Enumerable.Range(0, n).Select(_ => Math.Pow(rng.NextDouble(), 3) + 1e-3).ToArray();
            double m = 1 + (rng.NextDouble() * (n - 1));
            var p = new double[n];
            OptimalSampling.Probabilities(u, m, p);
            Assert.Equal(m, p.Sum(), 9);
            Assert.All(p, x => Assert.InRange(x, 0, 1 + 1e-12));
            double best = OptimalSampling.Variance(u, p);
            // Uniform m/N is feasible: the optimum is no worse.
            Assert.True(best <= OptimalSampling.Variance(u, Enumerable.Repeat(m / n, n).ToArray()) + 1e-12);
        }
    }

    // Importance-sampling estimator Σ_{i∈S} U_i/p_i is unbiased; its variance matches Σ (1−p)/p·u².
    [Fact]
    public void PoissonImportanceEstimatorIsUnbiasedWithTheoreticalVariance()
    {
        var sampler = new OptimalImportanceSampler(10, 3);
        sampler.UpdateNorms(SpecNorms);
        var rng = new RandomSource(13);
        var ids = new int[10];
        var w = new double[10];
        const int trials = 400_000;
        double sum = 0, sumSq = 0;
        for (int t = 0; t < trials; t++)
        {
            int k = sampler.Sample(10, ids, w, rng);
            double est = 0;
            for (int j = 0; j < k; j++)
            {
                est += w[j] * 10 * SpecNorms[ids[j]]; // weight 1/(N p_i) estimates the mean; ×N the sum
            }

            sum += est;
            sumSq += est * est;
        }

        double mean = sum / trials, variance = (sumSq / trials) - (mean * mean);
        double se = Math.Sqrt(0.1736 / trials);
        Assert.InRange(mean, 1.98 - (5 * se), 1.98 + (5 * se));
        Assert.InRange(variance, 0.1736 * 0.97, 0.1736 * 1.03);
    }

    [Fact]
    public void FairnessMixingKeepsTheSumAndRaisesTheFloor()
    {
        var p = new double[10];
        OptimalSampling.Probabilities(SpecNorms, 3, p);
        ProbabilityFloor.MixWithUniform(p, 0.4);
        Assert.Equal(3, p.Sum(), 12);
        Assert.All(p, x => Assert.True(x >= 0.4 * 0.3 - 1e-12));
        Assert.Equal((0.6 * 1) + (0.4 * 0.3), p[9], 12);

        var sampler = new OptimalImportanceSampler(10, 3, 0.4);
        sampler.UpdateNorms(SpecNorms);
        Assert.Equal(p, sampler.InclusionProbabilities);
        Assert.Throws<ArgumentOutOfRangeException>(() => ProbabilityFloor.MixWithUniform(p, double.NaN));
    }

    [Fact]
    public void BadInputIsRejected()
    {
        var p = new double[3];
        Assert.Throws<ArgumentOutOfRangeException>(() => OptimalSampling.Probabilities([1, double.NaN, 1], 1, p));
        Assert.Throws<ArgumentOutOfRangeException>(() => OptimalSampling.Probabilities([1, 1, 1], 4, p));
        Assert.Throws<ArgumentException>(() => new PoissonSampler([0.5, 1.5]));
        var ex = Assert.Throws<ArgumentException>(() => new OptimalImportanceSampler(0, -1, 2));
        Assert.Contains("population", ex.Message, StringComparison.Ordinal);
        Assert.Contains("mixingEta", ex.Message, StringComparison.Ordinal);
    }
}

public class GroupSamplerTests
{
    private static readonly int[][] Groups = [[0, 1, 2], [3, 4], [5]];
    private static readonly double[] Values = [1, 2, 3, 10, 20, 100];

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
}
