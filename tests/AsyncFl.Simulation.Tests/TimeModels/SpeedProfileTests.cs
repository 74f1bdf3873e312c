using Xunit;

namespace AsyncFl.Simulation.Tests.TimeModels;

public class SpeedProfileTests
{
    // v = 1 on [0,2), 0 on [2,5) (outage), 2 on [5,6), 0.5 on [6,∞). W(2)=2, W(5)=2, W(6)=4.
    private static readonly SpeedProfile Profile = new([0, 2, 5, 6], [1, 0, 2, 0.5]);

    private static void Near(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

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

    // Vectors computed by hand from the formulas of spec schedulers.md §0.3 and aggregation.md §3.2, §7 (derivations in the
    // comments).
    [Fact]
    public void UniversalModelInvertsAHandComputedPiecewiseSpeed()
    {
        // v = 1 on [0,2), 0 (outage) on [2,5), 3 afterwards. W(t) = t, 2, 2 + 3(t−5).
        var p = new SpeedProfile([0.0, 2.0, 5.0], [1.0, 0.0, 3.0]);
        Near(2.0, p.CumulativeWork(3.5));
        Near(5.0, p.CumulativeWork(6.0));
        Near(2.0, p.CompletionTime(0, 2));              // first time W = 2 is t = 2, not the end of the outage
        Near(5.0 + (2.0 / 3.0), p.CompletionTime(1, 3)); // W(1) = 1, target 4: 5 + (4−2)/3
        Near(5.0 + (1.0 / 3.0), p.CompletionTime(3, 1)); // start inside the outage
        Near(6.0, p.CompletionTime(6, 0));
        var model = new UniversalTimeModel([p]);
        Near(5.0 + (2.0 / 3.0) - 1.0, model.ComputeSeconds(0, 3, 0, 1.0, new RandomSource(1)));
    }

    [Fact]
    public void UniversalModelInvertsAPeriodicProfileWithUnitCost()
    {
        // v = 2 on [0,1), 0 on [1,4), period 4: 2 units per cycle.
        var p = new SpeedProfile([0.0, 1.0], [2.0, 0.0], period: 4.0);
        Near(6.0, p.CumulativeWork(9.5));        // 2 cycles (4) + 2
        Near(5.0, p.CompletionTime(0.5, 3));     // 1 unit by t = 1, outage to 4, 2 units by t = 5
        Near(4.25, p.CompletionTime(2.0, 0.5));
        var model = new UniversalTimeModel(p, [1.0, 2.0]);
        Near(3.0, model.ComputeSeconds(1, 1, 0, 2.0, new RandomSource(1)));  // c = 2: 2 units from t = 2 end at 5
        Near(2.5, model.ComputeSeconds(0, 1, 0, 2.0, new RandomSource(1)));  // 1 unit from t = 2 ends at 4.5
        Assert.Equal(double.PositiveInfinity, new SpeedProfile([0.0, 1.0], [1.0, 0.0]).CompletionTime(0, 2));
    }
}
