using Xunit;

namespace AsyncFl.Schedulers.Tests;

public class MindFlayerSchedulerTests
{
    [Fact]
    public void TimedOutAttemptsFailAndEachRoundFlushesWithSumOfPB()
    {
        var options = new MindFlayerOptions { Budgets = [3, 2, 0], TimeLimits = [3, 5, 1], SuccessProbabilities = [0.5, 1, 0.2] };
        var s = (MindFlayerScheduler)options.CreateScheduler();
        // Client 0: even task ids take 10 s (time out at 3), odd ones 1 s. Client 1: always 2 s.
        var e = new FakeEngine(s, 3, (c, t) => c == 0 ? (t % 2 == 0 ? 10 : 1) : 2, bufferSize: int.MaxValue);
        e.Start();
        e.Run(until: 60);
        Assert.True(e.FlushLog.Count >= 3);
        Assert.All(e.FlushLog, z => Assert.Equal(3.5, z, 12));
        Assert.True(s.FailedAttempts > 0);
        Assert.Contains(e.EndLog, x => x.Reason == TaskEndReason.TimedOut && x.Task.ClientId == 0);
        Assert.DoesNotContain(e.DispatchLog, t => t.ClientId == 2);
        // Budgets: per completed round, 3 attempts of client 0 and 2 of client 1, all at the round's model.
        foreach (var round in e.DispatchLog.GroupBy(t => t.Request.Tag).Where(g => g.Key <= e.FlushLog.Count))
        {
            Assert.Equal(3, round.Count(t => t.ClientId == 0));
            Assert.Equal(2, round.Count(t => t.ClientId == 1));
            Assert.Single(round.Select(t => t.BaseVersion).Distinct());
            Assert.All(round.Where(t => t.ClientId == 0), t => Assert.Equal(3, t.Request.TimeLimitSeconds));
        }

        Assert.Equal(3.5, s.FullNormalizer, 12);
    }

    [Fact]
    public void OptionsAreValidated()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MindFlayerOptions { Budgets = [1, -1], TimeLimits = [double.NaN, 1], SuccessProbabilities = [0, 0.5] }.CreateScheduler());
        Assert.Contains("Budgets[1]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("TimeLimits[0]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("SuccessProbabilities[0]", ex.Message, StringComparison.Ordinal);
    }
}
