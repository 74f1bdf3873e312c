using Xunit;

namespace AsyncFl.Simulation.Tests.TimeModels;

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
