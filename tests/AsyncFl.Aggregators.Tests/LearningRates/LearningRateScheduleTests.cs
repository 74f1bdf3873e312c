namespace AsyncFl.Aggregators.Tests;

public class LearningRateScheduleTests
{
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
}
