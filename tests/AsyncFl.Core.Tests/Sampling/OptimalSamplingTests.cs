using AsyncFl.Sampling;
using FsCheck.Xunit;
using Xunit;

namespace AsyncFl.Core.Tests.Sampling;

/// <summary>Optimal client sampling (spec aggregation.md §6.2): the capped inclusion probabilities, their variance, the
/// importance sampler that draws with them. The small vectors were solved by hand.</summary>
public class OptimalSamplingTests
{
    private static readonly double[] SpecNorms = [.01, .02, .02, .03, .05, .05, .1, .2, .6, .9];

    private static void Near(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    /// <summary>(norms u, expected sample size m, the optimal inclusion probabilities solved by hand).</summary>
    public static TheoryData<double[], double, double[]> OptimalProbabilityVectors => new()
    {
        // Uncapped: m·u/Σu = 2·[1,2,3,4]/10.
        { [1, 2, 3, 4], 2, [0.2, 0.4, 0.6, 0.8] },
        // Sorted u = [1,1,2,10,20], m = 3: l = 5 fails (3 > 34/20), l = 4 fails (2 > 14/10), l = 3 holds (1 ≤ 4/2),
        // so p = 1·u/4 on the three smallest and 1 on the two largest. Input given unsorted: the output keeps its order.
        { [20, 1, 10, 2, 1], 3, [1, 0.25, 1, 0.5, 0.25] },
        // One outlier capped: u = [1,1,1,1,8], m = 2: l = 5 fails (2 > 12/8), l = 4 holds (1 ≤ 4/1) → p = 0.25 ×4, 1.
        { [1, 1, 1, 1, 8], 2, [0.25, 0.25, 0.25, 0.25, 1] },
    };

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

    [Property(MaxTest = 200)]
    public bool OptimalProbabilitiesAreFeasible(int seed, byte nRaw)
    {
        var rng = new RandomSource(seed);
        int n = 1 + (nRaw % 40);
        var u = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.2 ? 0 : Math.Exp(3 * rng.NextGaussian())).ToArray();
        double m = 0.5 + (rng.NextDouble() * (n - 0.5));
        var p = new double[n];
        OptimalSampling.Probabilities(u, m, p);
        return Math.Abs(p.Sum() - m) < 1e-8 * Math.Max(1, m) && p.All(x => x >= 0 && x <= 1);
    }

    [Theory]
    [MemberData(nameof(OptimalProbabilityVectors))]
    public void OptimalProbabilitiesMatchTheHandSolution(double[] norms, double m, double[] expected)
    {
        var p = new double[norms.Length];
        OptimalSampling.Probabilities(norms, m, p);
        for (int i = 0; i < expected.Length; i++)
        {
            Near(expected[i], p[i]);
        }
    }

    [Fact]
    public void VarianceOfTheCappedHandSolution()
    {
        // u = [20,1,10,2,1], m = 3 → p = [1,.25,1,.5,.25] (OptimalProbabilityVectors): Σ (1−p)/p·u² = 3·1 + 3·1 + 1·4 = 10.
        var p = new double[5];
        OptimalSampling.Probabilities([20, 1, 10, 2, 1], 3, p);
        Near(10, OptimalSampling.Variance([20, 1, 10, 2, 1], p));
    }

    [Fact]
    public void OptimalBeatsUniformOnTheSameNorms()
    {
        double[] u = [20, 1, 10, 2, 1];
        var p = new double[5];
        OptimalSampling.Probabilities(u, 3, p);
        double[] uniform = [0.6, 0.6, 0.6, 0.6, 0.6];
        // uniform: (0.4/0.6)·(400+1+100+4+1) = 337.33…
        Near(506.0 * 2.0 / 3.0, OptimalSampling.Variance(u, uniform), 1e-12);
        Assert.True(OptimalSampling.Variance(u, p) < OptimalSampling.Variance(u, uniform));
    }

    [Fact]
    public void OptimalImportanceSamplerMixesTheCappedSolution()
    {
        // Optimal p for u = [20,1,10,2,1], m = 3 is [1,.25,1,.5,.25]; η = 0.5 → 0.5p + 0.5·3/5.
        var s = new OptimalImportanceSampler(5, 3, mixingEta: 0.5);
        Assert.All(s.InclusionProbabilities, p => Near(0.6, p)); // uniform m/N before any norm
        s.UpdateNorms([20, 1, 10, 2, 1]);
        double[] expected = [0.8, 0.425, 0.8, 0.55, 0.425];
        double[] actual = s.InclusionProbabilities;
        for (int i = 0; i < 5; i++)
        {
            Near(expected[i], actual[i]);
        }

        Assert.ThrowsAny<ArgumentException>(() => new OptimalImportanceSampler(5, double.NaN));
        Assert.ThrowsAny<ArgumentException>(() => new OptimalImportanceSampler(5, 3, double.NaN));
    }
}
