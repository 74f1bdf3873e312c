using Xunit;

namespace AsyncFl.Core.Tests.LearningRates;

/// <summary>The learning-rate schedules: delay-aware γ0/(√(k+1)(1+αd)) with its three delay measures, delay-adaptive
/// γ·M/max(M, δ), constant. Expected rates are hand computations from the formulas (derivations in the comments).</summary>
public class LearningRateScheduleTests
{
    private static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-14 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void DelayAware_ConfiguredDelay_ReproducesAuthorsCodeVector()
    {
        // spec §8: γ0 = 1e-3, α = 0.01, D = 2 → 9.80e-4 6.93e-4 … 3.10e-4
        var s = new DelayAwareLearningRate(1e-3, 0.01, DelayMeasure.ConfiguredMaxDelay, 2.0);
        double[] expected = [9.80e-4, 6.93e-4, 5.66e-4, 4.90e-4, 4.38e-4, 4.00e-4, 3.71e-4, 3.47e-4, 3.27e-4, 3.10e-4];
        for (int e = 0; e < 10; e++)
        {
            Assert.Equal(expected[e], s.GetRate(new LearningRateContext { Step = e, Staleness = 99 }), 5);
        }
    }

    [Fact]
    public void DelayAware_DefaultUsesObservedStaleness()
    {
        var s = new DelayAwareLearningRate(0.1, 0.5);
        Assert.Equal(0.1 / (Math.Sqrt(4) * 3.0), s.GetRate(new LearningRateContext { Step = 3, Staleness = 4, DelaySeconds = 100 }), 14);
        var spread = new DelayAwareLearningRate(0.1, 0.5, DelayMeasure.LastRoundSpread);
        Assert.Equal(0.1 / 2.0, spread.GetRate(new LearningRateContext { Step = 0, Staleness = 4, DelaySeconds = 2 }), 14);
    }

    [Fact]
    public void DelayAdaptive_IsGammaTimesMOverMaxMDelta()
    {
        var s = new DelayAdaptiveLearningRate(0.2, 4);
        Assert.Equal(0.2, s.GetRate(new LearningRateContext { Staleness = 3 }), 14);
        Assert.Equal(0.2 * 4 / 10, s.GetRate(new LearningRateContext { Staleness = 10 }), 14);
        Assert.Equal(0.2 * 8 / 16, s.GetRate(new LearningRateContext { Staleness = 16, Concurrency = 8 }), 14);
        Assert.Equal(0.3, new ConstantLearningRate(0.3).GetRate(default));
    }

    [Fact]
    public void InvalidParameters_Throw()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DelayAwareLearningRate(double.NaN, -1));
        Assert.Contains("baseRate", ex.Message, StringComparison.Ordinal);
        Assert.Contains("alpha", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new DelayAdaptiveLearningRate(0.1, 0));
    }

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

    /// <summary>γ = 0.3, M = 4 (from the context): (delay δ, expected rate γ·M/max(M, δ)).</summary>
    public static TheoryData<long, double> DelayAdaptiveVectors => new()
    {
        { 0, 0.3 },
        { 3, 0.3 },
        { 4, 0.3 },     // δ = M: full step
        { 6, 0.2 },     // 0.3·4/6
        { 12, 0.1 },    // 0.3·4/12
    };

    [Theory]
    [MemberData(nameof(DelayAdaptiveVectors))]
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
    public void DelayAdaptiveWithConfiguredConcurrencyFourShrinksBeyondFour()
    {
        // γ·M/max(M, δ) with M = 4 configured (the context gives none): δ = 4, 6, 12 → 0.3, 0.2, 0.1.
        var adaptive = new DelayAdaptiveLearningRate(0.3, 4);
        Near(0.3, adaptive.GetRate(new LearningRateContext { Staleness = 4 }));
        Near(0.2, adaptive.GetRate(new LearningRateContext { Staleness = 6 }));
        Near(0.1, adaptive.GetRate(new LearningRateContext { Staleness = 12 }));
    }

    // spec schedulers.md §9 oracle 9 (delay-adaptive ASGD): γ_k = γ for δ ≤ M, γM/δ beyond.
    [Theory]
    [InlineData(0, 0.4)]
    [InlineData(10, 0.4)]
    [InlineData(20, 0.2)]
    [InlineData(40, 0.1)]
    public void DelayAdaptiveStepIsFullUpToMThenShrinks(long delay, double expected) =>
        Assert.Equal(expected, new DelayAdaptiveLearningRate(0.4).GetRate(new LearningRateContext { Staleness = delay, Concurrency = 10 }), 12);

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
