using AsyncFl.Sampling;
using Xunit;

namespace AsyncFl.Schedulers.Tests;

public class CohortSqueezeSchedulerTests
{
    [Fact]
    public void KLocalRoundsPerCohortThenANewCohort()
    {
        var s = (SynchronousRoundsScheduler)CohortSqueeze.Options(3, 2).CreateScheduler();
        var e = new FakeEngine(s, 10, (c, _) => 1 + (0.1 * c), bufferSize: int.MaxValue);
        e.Start();
        e.Run(until: 30);
        Assert.True(e.FlushLog.Count >= 10);
        Assert.All(e.FlushLog, z => Assert.Equal(3, z));
        var rounds = e.DispatchLog.GroupBy(t => t.Request.Tag).OrderBy(g => g.Key).Select(g => g.Select(t => t.ClientId).Order().ToArray()).ToArray();
        for (int r = 0; r + 1 < rounds.Length; r += 2)
        {
            Assert.Equal(3, rounds[r].Length);
            Assert.Equal(rounds[r], rounds[r + 1]); // the same cohort for K = 2 rounds
        }

        Assert.Contains(Enumerable.Range(0, (rounds.Length / 2) - 1), r => !rounds[2 * r].SequenceEqual(rounds[(2 * r) + 2]));
        Assert.All(e.AcceptedLog, a => Assert.Equal(1.0, a.Weight, 12)); // NICE: u_i·m = 1
        Assert.Equal(e.FlushLog.Count, s.Round); // rounds are numbered from 0: the current one is not flushed yet
    }

    [Fact]
    public void StratifiedCohortsCarryHorvitzThompsonWeights()
    {
        int[][] strata = [[0, 1, 2, 3], [4, 5], [6]];
        var s = CohortSqueeze.Options(3, 1, new StratifiedSampler(strata)).CreateScheduler();
        var e = new FakeEngine(s, 7, (_, _) => 1, bufferSize: int.MaxValue);
        e.Start();
        e.Run(until: 5.5);
        Assert.All(e.AcceptedLog, a =>
        {
            int size = strata.Single(g => g.Contains(a.Task.ClientId)).Length;
            Assert.Equal(size / 7.0 * 3, a.Weight, 12);
        });
    }

    [Fact]
    public void SynchronousRoundsUseEveryClientEveryRound()
    {
        var s = CohortSqueeze.MinibatchSgd().CreateScheduler();
        var e = new FakeEngine(s, 5, (c, _) => 1 + c, bufferSize: int.MaxValue);
        e.Start();
        e.Run(until: 26);
        Assert.Equal(5, e.FlushLog.Count); // rounds last τ_max = 5
        Assert.All(e.FlushLog, z => Assert.Equal(5, z));
        Assert.All(e.AcceptedLog, a => Assert.Equal(0, a.Staleness));
    }
}
