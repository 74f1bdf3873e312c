
using AsyncFl.Sampling;
using Xunit;

namespace AsyncFl.Core.Tests.Review;
// Independent review (h9) of the Core formulas against spec aggregation.md §1.1, §2.1, §3.2, §4.3, §6 and
// schedulers.md §1.2. Every expected value below was computed by hand (or a 5-line script), not copied from a test.
public class StalenessSpecReviewTests
{
    private static void Near(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(2.0, 3, 0.0625)]            // (3+1)^-2
    [InlineData(0.5, 8, 1.0 / 3.0)]         // 1/sqrt(9)
    [InlineData(1.0, 4, 0.2)]               // 1/5
    [InlineData(1.5, 3, 0.125)]             // 4^-1.5
    [InlineData(0.0, 100, 1.0)]             // a = 0 is the constant
    public void PolynomialIsTauPlusOneToTheMinusA(double a, long tau, double expected) =>
        Near(expected, StalenessFunctions.Polynomial(a).Weight(tau));

    [Theory]
    [InlineData(4.0, 2, 0, 1.0)]
    [InlineData(4.0, 2, 2, 1.0)]            // τ = b: still 1
    [InlineData(4.0, 2, 3, 0.2)]            // 1/(4·1 + 1)
    [InlineData(4.0, 2, 5, 1.0 / 13.0)]     // 1/(4·3 + 1)
    [InlineData(10.0, 4, 5, 1.0 / 11.0)]    // paper form; FedLab's bug would give 0.05
    [InlineData(10.0, 4, 6, 1.0 / 21.0)]
    public void HingeIsOneUpToBThenOneOverATimesExcessPlusOne(double a, long b, long tau, double expected) =>
        Near(expected, StalenessFunctions.Hinge(a, b).Weight(tau));

    [Theory]
    [InlineData(0.25, 4, 0.5)]              // 1/(1 + 1)
    [InlineData(0.05, 10, 1.0 / 1.5)]       // seed-paper β
    [InlineData(3.0, 1, 0.25)]
    public void InverseIsOneOverOnePlusBetaTau(double beta, long tau, double expected) =>
        Near(expected, StalenessFunctions.Inverse(beta).Weight(tau));

    [Theory]
    [InlineData(0.6931471805599453, 3, 0.125)] // exp(−3 ln 2)
    [InlineData(0.5, 2, 0.36787944117144233)]  // e^-1
    [InlineData(0.0, 7, 1.0)]
    public void ExponentialIsExpMinusLambdaTau(double lambda, long tau, double expected) =>
        Near(expected, StalenessFunctions.Exponential(lambda).Weight(tau));

    [Theory]
    [InlineData(3, 0.25, 3, 1.0)]
    [InlineData(3, 0.25, 4, 0.25)]
    [InlineData(0, 0.0, 1, 0.0)]
    public void ThresholdIsOneUpToCutoffThenValue(long cutoff, double after, long tau, double expected) =>
        Near(expected, StalenessFunctions.Threshold(cutoff, after).Weight(tau));

    [Fact]
    public void EveryBuiltInRejectsNegativeStalenessAndNaNParameters()
    {
        IStalenessFunction[] all =
        [
            StalenessFunctions.Constant(), StalenessFunctions.Polynomial(1), StalenessFunctions.InverseSqrt(),
            StalenessFunctions.Hinge(1, 1), StalenessFunctions.Inverse(1), StalenessFunctions.Exponential(1),
            StalenessFunctions.Threshold(1, 0.5),
        ];
        foreach (var f in all)
        {
            Assert.Equal(1.0, f.Weight(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => f.Weight(-1));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Polynomial(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Hinge(double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Inverse(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Exponential(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Threshold(1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Threshold(1, 1.5));
    }
}

public class LearningRateSpecReviewTests
{
    private static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-14 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void DelayAwareUsesObservedStalenessByDefault()
    {
        // γ0/(√(k+1)(1+αd)) = 0.02/(√4·(1 + 0.5·2)) = 0.02/4.
        var lr = new DelayAwareLearningRate(baseRate: 0.02, alpha: 0.5);
        Near(0.005, lr.GetRate(new LearningRateContext { Step = 3, Staleness = 2, DelaySeconds = 100 }));
    }

    [Fact]
    public void DelayAwareConfiguredDelayIgnoresTheObservedOne()
    {
        // 0.06/(√9·(1 + 0.25·4)) = 0.06/6.
        var lr = new DelayAwareLearningRate(0.06, 0.25, DelayMeasure.ConfiguredMaxDelay, configuredMaxDelay: 4);
        Near(0.01, lr.GetRate(new LearningRateContext { Step = 8, Staleness = 50 }));
    }

    [Fact]
    public void DelayAwareSpreadUsesDelaySeconds()
    {
        // 0.08/(√1·(1 + 0.5·6)) = 0.02.
        var lr = new DelayAwareLearningRate(0.08, 0.5, DelayMeasure.LastRoundSpread);
        Near(0.02, lr.GetRate(new LearningRateContext { Step = 0, Staleness = 9, DelaySeconds = 6 }));
    }

    [Fact]
    public void SeedPaperScheduleEpochThree()
    {
        // Code defaults: γ0 = 1e-3, α = 0.01, D = 2 → epoch 3: 1e-3/(2·1.02) = 4.9019…e-4 (spec §1.1: 4.90e-4).
        var lr = new DelayAwareLearningRate(measure: DelayMeasure.ConfiguredMaxDelay);
        Near(1e-3 / (2 * 1.02), lr.GetRate(new LearningRateContext { Step = 3 }));
    }

    [Theory]
    [InlineData(0, 0.3)]
    [InlineData(3, 0.3)]
    [InlineData(4, 0.3)]       // δ = M: full step
    [InlineData(6, 0.2)]       // 0.3·4/6
    [InlineData(12, 0.1)]      // 0.3·4/12
    public void DelayAdaptiveIsGammaMOverMaxMDelta(long delay, double expected)
    {
        var lr = new DelayAdaptiveLearningRate(0.3, concurrency: 1);
        Near(expected, lr.GetRate(new LearningRateContext { Staleness = delay, Concurrency = 4 }));
    }

    [Fact]
    public void DelayAdaptiveFallsBackToConfiguredConcurrency()
    {
        var lr = new DelayAdaptiveLearningRate(0.5, concurrency: 5);
        Near(0.25, lr.GetRate(new LearningRateContext { Staleness = 10 })); // 0.5·5/10
    }

    [Fact]
    public void NaNRatesAreRejected()
    {
        Assert.ThrowsAny<ArgumentException>(() => new DelayAwareLearningRate(double.NaN));
        Assert.ThrowsAny<ArgumentException>(() => new DelayAwareLearningRate(1e-3, double.NaN));
        Assert.ThrowsAny<ArgumentException>(() => new DelayAwareLearningRate(1e-3, 0.01, DelayMeasure.ConfiguredMaxDelay, double.NaN));
        Assert.ThrowsAny<ArgumentException>(() => new DelayAdaptiveLearningRate(double.NaN));
        Assert.ThrowsAny<ArgumentException>(() => new ConstantLearningRate(double.NaN));
    }
}

public class SamplingSpecReviewTests
{
    private static void Near(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void OptimalProbabilitiesUncappedAreProportionalToNorms()
    {
        // m·u/Σu = 2·[1,2,3,4]/10.
        var p = new double[4];
        OptimalSampling.Probabilities([1, 2, 3, 4], 2, p);
        double[] expected = [0.2, 0.4, 0.6, 0.8];
        for (int i = 0; i < 4; i++)
        {
            Near(expected[i], p[i]);
        }
    }

    [Fact]
    public void OptimalProbabilitiesCapTwoLargestAndKeepOriginalOrder()
    {
        // Sorted u = [1,1,2,10,20], m = 3: l = 5 fails (3 > 34/20), l = 4 fails (2 > 14/10), l = 3 holds (1 ≤ 4/2),
        // so p = 1·u/4 on the three smallest and 1 on the two largest. Input given unsorted.
        var p = new double[5];
        OptimalSampling.Probabilities([20, 1, 10, 2, 1], 3, p);
        double[] expected = [1, 0.25, 1, 0.5, 0.25];
        for (int i = 0; i < 5; i++)
        {
            Near(expected[i], p[i]);
        }

        // Σ (1−p)/p·u² = 3·1 + 3·1 + 1·4 = 10.
        Near(10, OptimalSampling.Variance([20, 1, 10, 2, 1], p));
    }

    [Fact]
    public void OptimalProbabilitiesCapOneOutlier()
    {
        // u = [1,1,1,1,8], m = 2: l = 5 fails (2 > 12/8), l = 4 holds (1 ≤ 4/1) → p = 0.25 ×4, 1.
        var p = new double[5];
        OptimalSampling.Probabilities([1, 1, 1, 1, 8], 2, p);
        for (int i = 0; i < 4; i++)
        {
            Near(0.25, p[i]);
        }

        Near(1, p[4]);
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
    public void MixingKeepsTheSumAndFloorsEveryone()
    {
        // Inclusion probabilities summing to m = 3, η = 0.5: p' = 0.5p + 0.5·3/5.
        Span<double> p = [0.25, 0.25, 0.5, 1, 1];
        ProbabilityFloor.MixWithUniform(p, 0.5);
        double[] expected = [0.425, 0.425, 0.55, 0.8, 0.8];
        for (int i = 0; i < 5; i++)
        {
            Near(expected[i], p[i]);
        }

        // A distribution (Σ = 1): exactly the spec's p = (1−η)p + η/N.
        Span<double> q = [0.7, 0.2, 0.1, 0];
        ProbabilityFloor.MixWithUniform(q, 0.2);
        double[] eq = [0.61, 0.21, 0.13, 0.05];
        for (int i = 0; i < 4; i++)
        {
            Near(eq[i], q[i]);
        }

        Assert.ThrowsAny<ArgumentException>(() => ProbabilityFloor.MixWithUniform(new double[2], double.NaN));
    }

    [Fact]
    public void PoissonHorvitzThompsonWeightsAreOneOverNpAndUnbiased()
    {
        double[] p = [1, 0.5, 0.25, 0.25];
        double[] u = [1, 2, 3, 4];                   // population mean 2.5
        var sampler = new PoissonSampler(p);
        var rng = RandomSource.Create(91, 1);
        var ids = new int[4];
        var w = new double[4];
        double total = 0;
        int draws = 40_000, client0 = 0;
        for (int d = 0; d < draws; d++)
        {
            int c = sampler.Sample(4, ids, w, rng);
            for (int k = 0; k < c; k++)
            {
                Assert.Equal(1.0 / (4 * p[ids[k]]), w[k]);
                total += w[k] * u[ids[k]];
                client0 += ids[k] == 0 ? 1 : 0;
            }
        }

        Assert.Equal(draws, client0);                  // p = 1: always in
        // Var of one estimate = Σ (1−p)/p (u/N)² = 4.9375 → sd of the mean ≈ 0.011; 0.05 is > 4 sd.
        Assert.InRange(total / draws, 2.45, 2.55);
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
    [Fact]
    public void EpochSamplerGivesEveryoneFloorRmOverNTurns()
    {
        // N = 5, m = 2: 10 draws are exactly 4 epochs → every client exactly 4 times; 7 draws → each ≥ ⌊14/5⌋ = 2.
        var sampler = new EpochSampler();
        var rng = RandomSource.Create(3, 3);
        var ids = new int[2];
        var counts = new int[5];
        for (int r = 1; r <= 10; r++)
        {
            Assert.Equal(2, sampler.Sample(5, ids, [], rng));
            Assert.NotEqual(ids[0], ids[1]);
            counts[ids[0]]++;
            counts[ids[1]]++;
            if (r == 7)
            {
                Assert.All(counts, c => Assert.True(c >= 2, $"after 7 draws a client has {c} turns"));
            }
        }

        Assert.All(counts, c => Assert.Equal(4, c));
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
