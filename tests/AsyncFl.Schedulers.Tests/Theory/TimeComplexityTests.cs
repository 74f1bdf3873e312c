
using AsyncFl.Schedulers.Theory;
using Xunit;

namespace AsyncFl.Schedulers.Tests;
public class TimeComplexityTests
{
    private static double[] SqrtTimes(int n) => Enumerable.Range(1, n).Select(i => Math.Sqrt(i)).ToArray();

    // spec schedulers.md §2.5 table [calc]: n, S, T_opt, m*, T_ASGD, T_MB.
    [Theory]
    [InlineData(100, 1, 1.75, 3, 5.43, 10.10)]
    [InlineData(1000, 1, 1.75, 3, 16.20, 31.65)]
    [InlineData(1000, 100, 10.73, 115, 17.80, 34.79)]
    [InlineData(10000, 1, 1.75, 3, 50.37, 100.01)]
    [InlineData(10000, 10, 3.90, 15, 50.42, 100.10)]
    [InlineData(10000, 1000, 32.35, 1046, 55.40, 110.0)]
    public void TheoryTableOfSpecIsReproducedToTwoDecimals(int n, double s, double tOpt, int mStar, double tAsgd, double tMb)
    {
        var tau = SqrtTimes(n);
        var (opt, m) = TimeComplexity.Optimal(tau, s);
        Assert.Equal(tOpt, Math.Round(opt, 2), 6);
        Assert.Equal(mStar, m);
        Assert.Equal(tAsgd, Math.Round(TimeComplexity.Asgd(tau, s), 2), 6);
        Assert.Equal(tMb, Math.Round(TimeComplexity.Minibatch(tau, s), 2), 6);
    }

    [Fact]
    public void OptimalIsAtMostAsgdIsAtMostMinibatchAndEqualWhenEveryoneIsWorthUsing()
    {
        var rng = new RandomSource(7);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = 1 + rng.Next(50);
            var tau = Enumerable.Range(0, n).Select(_ => 0.1 + (10 * rng.NextDouble())).ToArray();
            double s = 1 + rng.Next(200);
            var (opt, m) = TimeComplexity.Optimal(tau, s);
            double asgd = TimeComplexity.Asgd(tau, s), mb = TimeComplexity.Minibatch(tau, s);
            Assert.True(opt <= asgd * (1 + 1e-12), $"T_opt {opt} > T_ASGD {asgd}");
            Assert.True(asgd <= mb * (1 + 1e-12), $"T_ASGD {asgd} > T_MB {mb}");
            if (m == n)
            {
                Assert.Equal(asgd, opt, 9);
            }
        }

        // Homogeneous workers: everybody is worth using, all three coincide.
        var same = Enumerable.Repeat(2.0, 10).ToArray();
        Assert.Equal(TimeComplexity.Minibatch(same, 5), TimeComplexity.Optimal(same, 5).Time, 12);
    }

    [Fact]
    public void NoiseBatchIsMaxOneCeiling()
    {
        Assert.Equal(1, TimeComplexity.NoiseBatch(0, 0.1));
        Assert.Equal(1, TimeComplexity.NoiseBatch(0.05, 0.1));
        Assert.Equal(11, TimeComplexity.NoiseBatch(1.01, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeComplexity.NoiseBatch(double.NaN, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeComplexity.NoiseBatch(1, 0));
    }

    [Fact]
    public void StepSizesFollowTheSpecFormulas()
    {
        // Ringmaster: min{1/(2RL), ε/(4Lσ²)}; R = 1, σ² = 0 -> 1/(2L).
        Assert.Equal(0.25, TimeComplexity.RingmasterStepSize(1, 2, 0, 0.1), 12);
        // R = 10, L = 1, σ² = 1, ε = 0.1: min{0.05, 0.025}.
        Assert.Equal(0.025, TimeComplexity.RingmasterStepSize(10, 1, 1, 0.1), 12);
        // Rennala: min{1/L, εS/(4Lσ²)} with S = 10: min{1, 0.25}.
        Assert.Equal(0.25, TimeComplexity.RennalaStepSize(10, 1, 1, 0.1), 12);
    }

    // spec §9 oracle 9: γ_k = γ for δ ≤ M, γM/δ beyond.
    [Theory]
    [InlineData(0, 0.4)]
    [InlineData(10, 0.4)]
    [InlineData(20, 0.2)]
    [InlineData(40, 0.1)]
    public void DelayAdaptiveStepIsFullUpToMThenShrinks(long delay, double expected) =>
        Assert.Equal(expected, new DelayAdaptiveLearningRate(0.4).GetRate(new LearningRateContext { Staleness = delay, Concurrency = 10 }), 12);
}

public class CollectionTimeTests
{
    // spec §9 oracle 1 values: τ_i = √i, n = 1000.
    [Theory]
    [InlineData(1, 1.751, 1.000)]
    [InlineData(100, 10.732, 8.246)]
    [InlineData(10000, 177.99, 170.0)]
    public void SpecValuesForSqrtTimes(long s, double bound, double exact)
    {
        var tau = Enumerable.Range(1, 1000).Select(i => Math.Sqrt(i)).ToArray();
        double b = CollectionTime.Bound(tau, s).Time;
        double e = CollectionTime.Exact(tau, s);
        int digits = bound >= 100 ? 2 : 3;
        Assert.Equal(bound, Math.Round(b, digits), 9);
        Assert.Equal(exact, Math.Round(e, exact >= 100 ? 1 : 3), 9);
    }

    [Fact]
    public void ExactLiesBetweenHalfTheBoundAndTheBound()
    {
        var rng = new RandomSource(11);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = 1 + rng.Next(40);
            var tau = Enumerable.Range(0, n).Select(_ => 0.05 + (5 * rng.NextDouble())).ToArray();
            long s = 1 + rng.Next(300);
            double bound = CollectionTime.Bound(tau, s).Time;
            double exact = CollectionTime.Exact(tau, s);
            Assert.InRange(exact, (bound / 2) - 1e-12, bound + 1e-12);
        }
    }

    [Fact]
    public void ExactMatchesADirectScanOfTheCountingFunction()
    {
        double[] tau = [1, 1.5, 4];
        // completions: 1, 1.5, 2, 3, 3, 4, 4, 4.5, 5, 6, 6, ... S = 5 -> 3 (counts at 3: 3 + 2 + 0 = 5).
        Assert.Equal(3.0, CollectionTime.Exact(tau, 5), 12);
        Assert.Equal(1.0, CollectionTime.Exact(tau, 1), 12);
        Assert.Equal(4.0, CollectionTime.Exact(tau, 7), 12);
        Assert.Equal(4.5, CollectionTime.Exact(tau, 8), 12);
    }
}
