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

public class PerExampleGaussianTimeModelTests
{
    [Fact]
    public void IsUnitsTimesSamplesTimesClippedNormal()
    {
        var m = new PerExampleGaussianTimeModel(3, 0.01, 0.0, 0.0);
        Assert.Equal(2 * 50 * 0.01, m.ComputeSeconds(0, 2, 50, 0, new RandomSource(1)), 12);
        var clipped = new PerExampleGaussianTimeModel(3, -1.0, 0.0, 0.002); // N(μ<0) always clipped to min
        Assert.Equal(100 * 0.002, clipped.ComputeSeconds(0, 1, 100, 0, new RandomSource(1)), 12);
        var noisy = new PerExampleGaussianTimeModel(1, 0.01, 0.004, 0.0);
        double mean = 0;
        var r = new RandomSource(5);
        for (int i = 0; i < 20_000; i++)
        {
            mean += noisy.ComputeSeconds(0, 1, 10, 0, r);
        }

        Assert.InRange(mean / 20_000, 0.1 - 0.002, 0.1 + 0.002); // 6 standard errors of 10·0.004/√20000
    }
}

public class CommunicationLinkTests
{
    [Fact]
    public void TimeIsLatencyPlusBytesOverBandwidth()
    {
        var link = new CommunicationLink(DownloadBytesPerSecond: 1e6, UploadBytesPerSecond: 2.5e5, LatencySeconds: 0.05);
        Assert.Equal(0.05 + 4.0, link.DownloadSeconds(4_000_000), 12);
        Assert.Equal(0.05 + 16.0, link.UploadSeconds(4_000_000), 12);
        Assert.Equal(0.0, link.UploadSeconds(0));
        Assert.Equal(0.0, CommunicationLink.Free.DownloadSeconds(1L << 40));
    }
}

public class AvailabilityPatternTests
{
    [Fact]
    public void PeriodicWindows()
    {
        var p = AvailabilityPattern.Periodic(10, 4, offsetSeconds: 3); // on [3,7), [13,17), …
        Assert.False(p.IsAvailable(2.9));
        Assert.True(p.IsAvailable(3));
        Assert.True(p.IsAvailable(6.9));
        Assert.False(p.IsAvailable(7));
        Assert.True(p.IsAvailable(-5)); // [−7, −3)
        Assert.Equal(3.0, p.NextChange(0), 12);
        Assert.Equal(7.0, p.NextChange(3), 12);
        Assert.Equal(13.0, p.NextChange(7), 12);
        Assert.Equal(double.PositiveInfinity, AvailabilityPattern.AlwaysOn.NextChange(5));
    }

    [Fact]
    public void ExplicitWindows()
    {
        var p = AvailabilityPattern.Windows([(1, 2), (5, 8)]);
        Assert.False(p.IsAvailable(0.5));
        Assert.True(p.IsAvailable(1));
        Assert.False(p.IsAvailable(2));
        Assert.True(p.IsAvailable(7.99));
        Assert.False(p.IsAvailable(100));
        Assert.Equal(1.0, p.NextChange(0));
        Assert.Equal(2.0, p.NextChange(1));
        Assert.Equal(5.0, p.NextChange(3));
        Assert.Equal(double.PositiveInfinity, p.NextChange(8));
        Assert.Throws<ArgumentException>(() => AvailabilityPattern.Windows([(3, 4), (3.5, 6)]));
    }
}
