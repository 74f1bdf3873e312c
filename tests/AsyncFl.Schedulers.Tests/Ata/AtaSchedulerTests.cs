using Xunit;

namespace AsyncFl.Schedulers.Tests;

public class AtaSchedulerTests
{
    [Fact]
    public void LearnsMeansAndAllocatesLikeTheOracle()
    {
        double[] mu = [1, 2, 4];
        var s = (AtaScheduler)new AtaOptions { TasksPerRound = 7, Variant = AtaVariant.Known, Scales = [0, 0, 0] }.CreateScheduler();
        var e = new FakeEngine(s, 3, (c, _) => mu[c], bufferSize: int.MaxValue);
        e.Start();
        // Round 1 explores: every worker gets at least one task.
        Assert.All(s.Allocation, a => Assert.True(a >= 1));
        Assert.Equal(7, s.Allocation.Sum());
        e.Run(until: 40);
        Assert.True(e.FlushLog.Count >= 3);
        Assert.Equal([4, 2, 1], s.Allocation);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(mu[i], s.MeanTaskTime(i), 12);
        }

        // 7 gradients per completed round, all at the round's model.
        Assert.Equal(7 * e.FlushLog.Count, e.AcceptedLog.Count(a => a.Task.Request.Tag <= e.FlushLog.Count));
        Assert.True(s.Statistics.WorkerSeconds > 0);
    }

    [Fact]
    public void EmpiricalVariantExploresAllAndPlacesBTasks()
    {
        var s = (AtaScheduler)new AtaOptions { TasksPerRound = 4 }.CreateScheduler();
        var e = new FakeEngine(s, 6, (c, _) => 1 + c, bufferSize: int.MaxValue);
        e.Start();
        e.Run(until: 200);
        foreach (var round in e.DispatchLog.GroupBy(t => t.Request.Tag).Where(g => g.Key <= e.FlushLog.Count))
        {
            Assert.Equal(4, round.Count());
        }

        Assert.All(Enumerable.Range(0, 6), i => Assert.True(s.Observations(i) >= 1));
    }
}
