using AsyncFl.Schedulers.Theory;
using Xunit;

namespace AsyncFl.Schedulers.Tests;

public class TimeComplexityTests
{
    private static double[] SqrtTimes(int n) => Enumerable.Range(1, n).Select(i => Math.Sqrt(i)).ToArray();

    private static void Near(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

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

    // Vectors computed by hand on small inputs from the formulas of spec schedulers.md (derivations in the comments).
    [Fact]
    public void TimeComplexitiesOnThreeWorkers()
    {
        double[] tau = [1, 2, 4];
        var (opt, mStar) = TimeComplexity.Optimal(tau, 2, iterations: 3);
        Near(8.0, opt);                                               // 3·8/3
        Assert.Equal(2, mStar);
        Near(3 * 5 / 1.75, TimeComplexity.Asgd(tau, 2, 3));           // (n+S)/Σ1/τ
        Near(3 * 4 * (1 + 2.0 / 3.0), TimeComplexity.Minibatch(tau, 2, 3)); // τ_n(1 + S/n)
    }

    /// <summary>(σ², ε, R = max{1, ⌈σ²/ε⌉}).</summary>
    public static TheoryData<double, double, int> NoiseBatchVectors => new()
    {
        { 2.5, 1.0, 3 },
        { 0.0, 1.0, 1 },
        { 4.0, 2.0, 2 },
        { 4.0000001, 2.0, 3 },
    };

    [Theory]
    [MemberData(nameof(NoiseBatchVectors))]
    public void NoiseBatchIsMaxOneCeilSigmaSquaredOverEpsilon(double sigma2, double eps, int expected) =>
        Assert.Equal(expected, TimeComplexity.NoiseBatch(sigma2, eps));

    [Fact]
    public void StepSizesByHand()
    {
        Near(1.0 / 64, TimeComplexity.RingmasterStepSize(4, 2, 8, 1));   // min(1/16, 1/64)
        Near(0.25, TimeComplexity.RingmasterStepSize(1, 2, 0, 1));        // σ² = 0 → 1/(2RL)
        Near(0.0625, TimeComplexity.RennalaStepSize(4, 2, 8, 1));         // min(1/2, 4/64)
        Near(0.5, TimeComplexity.RennalaStepSize(4, 2, 0, 1));            // σ² = 0 → 1/L
        Near(1.0 / 24, TimeComplexity.NaiveOptimalAsgdStepSize(3, 4, 1, 100)); // min(1/24, 100/16)
    }
}
