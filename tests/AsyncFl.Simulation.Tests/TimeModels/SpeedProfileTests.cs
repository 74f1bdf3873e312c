using Xunit;

namespace AsyncFl.Simulation.Tests.TimeModels;

public class SpeedProfileTests
{
    // v = 1 on [0,2), 0 on [2,5) (outage), 2 on [5,6), 0.5 on [6,∞). W(2)=2, W(5)=2, W(6)=4.
    private static readonly SpeedProfile Profile = new([0, 2, 5, 6], [1, 0, 2, 0.5]);

    [Theory]
    [InlineData(0.5, 1, 1.5)]    // inside the first segment
    [InlineData(0.0, 2, 2.0)]    // ends exactly at the outage start: the smallest t, not 5
    [InlineData(1.5, 1, 5.25)]   // 0.5 before the outage, 0.5 at speed 2 after it
    [InlineData(1.0, 3, 6.0)]    // 1 + outage + 2 units at speed 2
    [InlineData(3.0, 5, 12.0)]   // starts in the outage; 2 units by t=6, 3 more at 0.5/s
    [InlineData(4.0, 0, 4.0)]    // no work
    public void CompletionTimeMatchesHandComputation(double start, double units, double expectedEnd) =>
        Assert.Equal(expectedEnd, Profile.CompletionTime(start, units), 12);

    [Fact]
    public void CumulativeWorkIsTheIntegral()
    {
        Assert.Equal(2.0, Profile.CumulativeWork(3.5), 12);
        Assert.Equal(3.0, Profile.CumulativeWork(5.5), 12);
        Assert.Equal(5.0, Profile.CumulativeWork(8.0), 12);
        Assert.Equal(2.0, Profile.WorkBetween(1, 5.5), 12);
    }

    [Fact]
    public void PermanentOutageNeverFinishes()
    {
        var p = new SpeedProfile([0, 1], [1, 0]);
        Assert.Equal(1.0, p.CompletionTime(0, 1), 12);
        Assert.Equal(double.PositiveInfinity, p.CompletionTime(0, 1.5));
    }

    // v = 1 on [0,3), 0 on [3,5), repeating every 5 s: 3 units per period.
    [Theory]
    [InlineData(0.0, 3, 3.0)]
    [InlineData(0.0, 4, 6.0)]
    [InlineData(4.0, 1, 6.0)]
    [InlineData(2.0, 7, 13.0)]   // 1 in [2,3), 3 in [5,8), 3 in [10,13)
    public void PeriodicProfile(double start, double units, double expectedEnd)
    {
        var p = new SpeedProfile([0, 3], [1, 0], period: 5);
        double end = p.CompletionTime(start, units);
        Assert.Equal(expectedEnd, end, 12);
        Assert.Equal(units, p.WorkBetween(start, end), 9);
    }

    [Fact]
    public void RejectsBadBreakpoints()
    {
        var e = Assert.Throws<ArgumentException>(() => new SpeedProfile([1, 0], [-1, 1]));
        Assert.Contains("times[0]", e.Message, StringComparison.Ordinal);
        Assert.Contains("speeds[0]", e.Message, StringComparison.Ordinal);
        Assert.Contains("times[1]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UniversalModelUsesTheProfileAndUnitCost()
    {
        var model = new UniversalTimeModel(Profile, [1.0, 2.0]);
        Assert.Equal(3.75, model.ComputeSeconds(0, 1, 0, 1.5, new RandomSource(1)), 12);
        // device 1 needs 2 work per unit: from 1.0, 2 units = 4 work: 1 by t=2, 2 by 6, 1 more at 0.5/s → t = 8
        Assert.Equal(7.0, model.ComputeSeconds(1, 2, 0, 1.0, new RandomSource(1)), 12);
    }
}
