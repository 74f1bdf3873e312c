using Xunit;

namespace AsyncFl.Schedulers.Tests;

public class RennalaSchedulerTests
{
    private static SchedulerStatistics Stats(IScheduler s) => ((ISchedulerStatisticsSource)s).Statistics;

    private static double Times(int c, long t) => new[] { 1.0, 2, 3, 5, 8 }[c] * (1 + (0.05 * (t % 3)));

    [Theory]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public void DiscardsStaleAndStepsAfterSFresh(int bufferSize)
    {
        var s = new RennalaOptions { BatchSize = 3 }.CreateScheduler();
        var e = new FakeEngine(s, 5, Times, bufferSize);
        e.Start();
        e.Run(until: 100);
        Assert.All(e.AcceptedLog, a => Assert.Equal(0, a.Staleness));
        Assert.NotEmpty(e.DiscardLog);
        Assert.All(e.DiscardLog, d =>
        {
            Assert.Equal(RejectionReason.DiscardedByScheduler, d.Reason);
            Assert.True(d.Staleness > 0);
        });
        Assert.Equal(e.AcceptedLog.Count / 3, e.Version.Value);
        Assert.Equal(e.Version.Value, Stats(s).Rounds);
        Assert.Equal(bufferSize == 3 ? 0 : e.Version.Value, e.FlushLog.Count);
        // Each version's accepted gradients all started from that version.
        foreach (var group in e.AcceptedLog.GroupBy(a => a.Task.BaseVersion))
        {
            Assert.True(group.Count() <= 3);
        }
    }

    [Fact]
    public void RestartAllCancelsInFlightWorkAfterEachStep()
    {
        var s = new RennalaOptions { BatchSize = 2, Variant = RennalaVariant.RestartAll }.CreateScheduler();
        var e = new FakeEngine(s, 5, Times, 2);
        e.Start();
        e.Run(until: 100);
        Assert.True(e.CancelCount > 0);
        Assert.Empty(e.DiscardLog); // nothing stale survives to arrive
        Assert.All(e.AcceptedLog, a => Assert.Equal(0, a.Staleness));
        Assert.Equal(e.AcceptedLog.Count / 2, e.Version.Value);
    }

    // spec §9 oracle 3: Rennala with S = 1 and one worker is SGD: every gradient accepted, one step each.
    [Fact]
    public void OneWorkerBatchOneIsSgd()
    {
        var s = new RennalaOptions { BatchSize = 1 }.CreateScheduler();
        var e = new FakeEngine(s, 1, (_, _) => 1);
        e.Start();
        e.Run(until: 10.5);
        Assert.Equal(10, e.AcceptedLog.Count);
        Assert.Equal(10, e.Version.Value);
        Assert.Empty(e.DiscardLog);
    }
}
