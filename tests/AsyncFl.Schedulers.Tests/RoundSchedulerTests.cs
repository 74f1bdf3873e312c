
using AsyncFl.Sampling;
using AsyncFl.Schedulers.Theory;
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

public class ShadowheartSchedulerTests
{
    [Fact]
    public void ZeroUploadTimeWithACompressorAndNoUploadCapIsRejected()
    {
        var options = new ShadowheartOptions { ComputeTimes = [1, 2], UploadTimes = [0, 0.5], Compressor = new RandKCompressor(2) };
        var error = Assert.ThrowsAny<ArgumentException>(options.CreateScheduler);
        Assert.Contains("MaxUploads", error.Message, StringComparison.Ordinal);

        // A finite cap makes the same fleet valid: worker 0 then uploads exactly MaxUploads times.
        var capped = (ShadowheartScheduler)new ShadowheartOptions { ComputeTimes = [1, 2], UploadTimes = [0, 0.5], Compressor = new RandKCompressor(2), MaxUploads = 3 }.CreateScheduler();
        var e = new FakeEngine(capped, 2, (c, _) => 1, bufferSize: int.MaxValue, dimension: 4);
        e.Start();
        Assert.Equal(3, capped.Plan[0].Uploads);
        Assert.Contains(e.DispatchLog, t => t.Request.ClientId == 0 && t.Request.Uploads == 3);
    }

    [Fact]
    public void DispatchesThePlanAcceptsWithWeightsAndFlushesWithZ()
    {
        double[] h = [1, 2, 4];
        double[] tau = [0.1, 0.2, 0.4];
        var rk = new RandKCompressor(2);
        var s = (ShadowheartScheduler)new ShadowheartOptions { ComputeTimes = h, UploadTimes = tau, Compressor = rk, NoiseBatch = 2 }.CreateScheduler();
        var e = new FakeEngine(s, 3, (c, _) => 1, bufferSize: int.MaxValue, dimension: 4); // ω = 4/2 − 1 = 1
        e.Start();
        var eq = ShadowheartTheory.Solve(h, tau, 1, 2);
        var plan = ShadowheartTheory.Plan(eq.Time, h, tau, 1, 2);
        Assert.Equal(eq.Time, s.EquilibriumTime, 12);
        var round1 = e.DispatchLog.Where(t => t.Request.Tag == 1).ToArray();
        Assert.Equal(plan.Count(p => p.Active), round1.Length);
        foreach (var t in round1)
        {
            Assert.Equal(plan[t.ClientId].Gradients, t.Request.LocalSteps);
            Assert.Equal(plan[t.ClientId].Uploads, t.Request.Uploads);
            Assert.Same(rk, t.Request.Compressor);
        }

        e.Run(until: 10);
        Assert.True(e.FlushLog.Count >= 3);
        Assert.All(e.FlushLog, z => Assert.Equal(ShadowheartTheory.Normalizer(plan), z, 12));
        Assert.All(e.AcceptedLog, a => Assert.Equal(plan[a.Task.ClientId].Weight * plan[a.Task.ClientId].Gradients, a.Weight, 12));
        int uploadsPerRound = round1.Sum(t => t.Request.Uploads);
        Assert.Equal(uploadsPerRound * e.FlushLog.Count, e.AcceptedLog.Count(a => a.Task.Request.Tag <= e.FlushLog.Count));
    }
}

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

public class AutoModeTests
{
    [Fact]
    public void HomogeneousReliableFleetGoesSynchronous()
    {
        var d = AutoMode.Decide(new FleetProfile { ComputeSeconds = Enumerable.Repeat(2.0, 50).ToArray(), CommunicationSeconds = Enumerable.Repeat(0.5, 50).ToArray() });
        Assert.Equal(TrainingMode.Synchronous, d.Mode);
        Assert.Equal(1.0, d.PredictedSpeedup, 9);
        Assert.Equal("SyncRounds(all)", Assert.IsType<SynchronousRoundsScheduler>(AutoMode.CreateScheduler(d)).Name);
    }

    [Fact]
    public void HeterogeneousFleetGoesAsynchronousWithThePredictedSpeedup()
    {
        var tau = Enumerable.Range(1, 100).Select(i => Math.Sqrt(i)).ToArray();
        var d = AutoMode.Decide(new FleetProfile { ComputeSeconds = tau });
        Assert.Equal(TrainingMode.Asynchronous, d.Mode);
        Assert.Equal(10.10 / 1.75, Math.Round(d.SynchronousTime, 2) / Math.Round(d.AsynchronousTime, 2), 9); // §2.5 row n = 100
        Assert.Equal(3, d.OptimalWorkers);
        var scheduler = Assert.IsType<AsynchronousScheduler>(AutoMode.CreateScheduler(d));
        Assert.Equal("RingmasterB(R=1)", scheduler.Name);
    }

    [Fact]
    public void DropoutsForceAsynchronousAndThresholdsAreOptions()
    {
        var same = Enumerable.Repeat(1.0, 10).ToArray();
        Assert.Equal(TrainingMode.Asynchronous, AutoMode.Decide(new FleetProfile { ComputeSeconds = same, DropoutRate = 0.1 }).Mode);
        Assert.Equal(TrainingMode.Synchronous, AutoMode.Decide(new FleetProfile { ComputeSeconds = same, DropoutRate = 0.1 }, new AutoModeOptions { DropoutThreshold = 0.2 }).Mode);
        // Mild spread: τ = 1, 1.2: speed-up < 1.5 -> synchronous.
        Assert.Equal(TrainingMode.Synchronous, AutoMode.Decide(new FleetProfile { ComputeSeconds = [1, 1.2] }).Mode);
        var ex = Assert.Throws<ArgumentException>(() => AutoMode.Decide(new FleetProfile { ComputeSeconds = [1, -1], DropoutRate = 2 }));
        Assert.Contains("ComputeSeconds[1]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DropoutRate", ex.Message, StringComparison.Ordinal);
    }
}

public class SchedulerBuilderExtensionsTests
{
    [Fact]
    public void EachFamilyAndAlgorithmHasOneExtensionThatSetsItsScheduler()
    {
        Assert.IsType<RennalaScheduler>(new FederatedServerBuilder().AddRennala(new RennalaOptions { BatchSize = 4 }).Scheduler);
        Assert.Equal("RingmasterB(R=2)", Assert.IsType<AsynchronousScheduler>(new FederatedServerBuilder().AddAsynchronous(Ringmaster.Options(2)).Scheduler).Name);
        Assert.Equal("ASGD", new FederatedServerBuilder().AddAsynchronous(Asgd.Options()).Scheduler!.Name);
        Assert.IsType<SynchronousRoundsScheduler>(new FederatedServerBuilder().AddSynchronousRounds().Scheduler);
        var decision = AutoMode.Decide(new FleetProfile { ComputeSeconds = [1, 1, 1] });
        Assert.IsType<SynchronousRoundsScheduler>(new FederatedServerBuilder().AddAuto(decision).Scheduler);

        // The schedulers do not set an aggregator: that is the aggregator package's (no Schedulers → Aggregators reference).
        Assert.Null(new FederatedServerBuilder().AddAsynchronous().AggregatorFactory);
    }
}
