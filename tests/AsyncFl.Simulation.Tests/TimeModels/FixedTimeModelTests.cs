using Xunit;

namespace AsyncFl.Simulation.Tests.TimeModels;

public class FixedTimeModelTests
{
    [Fact]
    public void FixedIsUnitsTimesTau()
    {
        var m = new FixedTimeModel([1.0, Math.Sqrt(2), 3.0]);
        Assert.Equal(5 * Math.Sqrt(2), m.ComputeSeconds(1, 5, 0, 10, new RandomSource(1)), 12);
        Assert.Equal(0.0, m.ComputeSeconds(2, 0, 0, 0, new RandomSource(1)));
    }

    [Fact]
    public void NoiseIsAddedPerUnitAndScaled()
    {
        var noise = NoiseDistribution.Exponential(0.5);
        var m = new FixedTimeModel([1.0, 2.0], noise, [0.0, 3.0]);
        Assert.Equal(4.0, m.ComputeSeconds(0, 4, 0, 0, new RandomSource(1))); // scale 0: no noise
        // replaying the same stream: 2·2 + 3·(η₁ + η₂)
        var r = new RandomSource(9);
        double expected = 4 + (3 * (noise.Sample(r) + noise.Sample(r)));
        Assert.Equal(expected, m.ComputeSeconds(1, 2, 0, 0, new RandomSource(9)), 12);
        Assert.Equal(2 + (3 * 0.5), m.MeanSecondsPerUnit(1), 12);
    }
}
