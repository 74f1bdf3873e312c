
using Xunit;

namespace AsyncFl.Schedulers.Tests;
public class RingmasterSchedulerTests
{
    private static SchedulerStatistics Stats(IScheduler s) => ((ISchedulerStatisticsSource)s).Statistics;

    private static double Linear(int client, long task) => client + 1.0; // τ_i = 1 … n

    // spec §9 oracle 4: variant B never applies a gradient with delay ≥ R; cancels > 0 when τ_n/τ_1 > R.
    [Fact]
    public void VariantBNeverAppliesADelayOfRAndCancelsSlowWorkers()
    {
        var s = Ringmaster.Options(3, RingmasterVariant.CancelAndRestart).CreateScheduler();
        var e = new FakeEngine(s, 10, Linear);
        e.Start();
        e.Run(until: 200);
        Assert.NotEmpty(e.AcceptedLog);
        Assert.All(e.AcceptedLog, a => Assert.True(a.Staleness < 3, $"applied delay {a.Staleness}"));
        Assert.True(e.CancelCount > 0);
        Assert.Equal(e.CancelCount, Stats(s).Cancelled);
        Assert.Empty(e.DiscardLog);
        Assert.True(Stats(s).MaxAcceptedDelay <= 2);
        // The slowest worker (τ = 10 while ~3 updates happen per second) never finishes: it is always cancelled.
        Assert.DoesNotContain(e.AcceptedLog, a => a.Task.ClientId == 9);
        Assert.Contains(e.EndLog, x => x.Task.ClientId == 9 && x.Reason == TaskEndReason.Cancelled);
    }

    [Fact]
    public void VariantADiscardsOnArrivalAndNeverCancels()
    {
        var s = Ringmaster.Options(3, RingmasterVariant.DiscardOnArrival).CreateScheduler();
        var e = new FakeEngine(s, 10, Linear);
        e.Start();
        e.Run(until: 200);
        Assert.All(e.AcceptedLog, a => Assert.True(a.Staleness < 3));
        Assert.NotEmpty(e.DiscardLog);
        Assert.All(e.DiscardLog, d =>
        {
            Assert.Equal(RejectionReason.TooStale, d.Reason);
            Assert.True(d.Staleness >= 3);
        });
        Assert.Equal(0, e.CancelCount);
    }

    // spec §9 oracle 3: R = ∞ ≡ vanilla ASGD, decision for decision, for both variants.
    [Theory]
    [InlineData(RingmasterVariant.DiscardOnArrival)]
    [InlineData(RingmasterVariant.CancelAndRestart)]
    public void InfiniteThresholdMakesExactlyTheDecisionsOfAsgd(RingmasterVariant variant)
    {
        static double Times(int c, long t) => Math.Sqrt(c + 1) * (1 + (0.1 * ((t * 7919) % 13)));
        var ring = Ringmaster.Options(null, variant, learningRate: 0.3).CreateScheduler();
        var asgd = Asgd.Options(learningRate: 0.3).CreateScheduler();
        var e1 = new FakeEngine(ring, 25, Times);
        var e2 = new FakeEngine(asgd, 25, Times);
        e1.Start();
        e2.Start();
        e1.Run(until: 100);
        e2.Run(until: 100);
        Assert.True(e1.AcceptedLog.Count > 500);
        Assert.Equal(e2.AcceptedLog, e1.AcceptedLog);
        Assert.Equal(e2.DispatchLog.Select(t => (t.ClientId, t.BaseVersion, t.StartTime)), e1.DispatchLog.Select(t => (t.ClientId, t.BaseVersion, t.StartTime)));
        Assert.Empty(e1.DiscardLog);
        Assert.Equal(0, e1.CancelCount);
    }

    [Fact]
    public void OptionsAreValidatedAllAtOnce()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ringmaster.Options(0));
        var options = Ringmaster.Options(3);
        options.LocalSteps = 0;
        options.ClientLearningRate = -1;
        options.CancelStaleTasks = true;
        options.MaxStaleness = null;
        var ex = Assert.Throws<ArgumentException>(options.CreateScheduler);
        Assert.Contains("LocalSteps", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ClientLearningRate", ex.Message, StringComparison.Ordinal);
        Assert.Contains("CancelStaleTasks needs MaxStaleness", ex.Message, StringComparison.Ordinal);

        // R = max{1, ⌈σ²/ε⌉} = 11: gradients with delay ≥ 11 are never applied.
        Assert.Equal(10, Ringmaster.FromNoise(1.01, 0.1).MaxStaleness);
        Assert.Equal("RingmasterB(R=11)", Ringmaster.FromNoise(1.01, 0.1).CreateScheduler().Name);
    }
}

public class AsgdSchedulerTests
{
    [Fact]
    public void VanillaAcceptsEverythingAndKeepsEveryWorkerBusy()
    {
        var s = Asgd.Options().CreateScheduler();
        var e = new FakeEngine(s, 8, (c, _) => 1 + c);
        e.Start();
        e.Run(until: 50);
        Assert.Empty(e.DiscardLog);
        Assert.Equal(8, e.InFlightCount);
        Assert.Equal(e.AcceptedLog.Count + 8, e.DispatchLog.Count);
        Assert.All(e.AcceptedLog, a => Assert.True(double.IsNaN(a.LearningRate)));
        Assert.Equal(e.AcceptedLog.Count, e.Version.Value);
    }

    // spec §9 oracle 9: γ_k = γ for δ ≤ M, γM/δ beyond.
    [Fact]
    public void DelayAdaptiveStepsFollowTheRule()
    {
        var s = Asgd.DelayAdaptive(0.5).CreateScheduler();
        var e = new FakeEngine(s, 4, (c, _) => c == 3 ? 20 : 1);
        e.Start();
        e.Run(until: 100);
        Assert.Contains(e.AcceptedLog, a => a.Staleness > 4);
        Assert.Contains(e.AcceptedLog, a => a.Staleness <= 4);
        Assert.All(e.AcceptedLog, a => Assert.Equal(a.Staleness <= 4 ? 0.5 : 0.5 * 4 / a.Staleness, a.LearningRate, 15));
        // The slow worker's gradients arrive with delay ≈ 3 × 20 = 60: step 0.5·4/60.
        Assert.Contains(e.AcceptedLog, a => a.Task.ClientId == 3 && Math.Abs(a.LearningRate - (2.0 / a.Staleness)) < 1e-15 && a.Staleness >= 50);
        Assert.Throws<ArgumentOutOfRangeException>(() => Asgd.DelayAdaptive(double.NaN));
    }

    [Fact]
    public void NaiveOptimalUsesOnlyTheMStarFastest()
    {
        var tau = Enumerable.Range(1, 100).Select(i => Math.Sqrt(i)).Reverse().ToArray(); // client 99 is the fastest
        var options = Asgd.NaiveOptimal(tau, 1, 0.1);
        Assert.Equal([99, 98, 97], options.ActiveClients);
        var s = options.CreateScheduler();
        var e = new FakeEngine(s, 100, (c, _) => tau[c]);
        e.Start();
        e.Run(until: 20);
        Assert.All(e.DispatchLog, t => Assert.Contains(t.ClientId, options.ActiveClients!));
    }

    [Fact]
    public void MaxDelayDropsOlderGradients()
    {
        var s = Asgd.Options(maxDelay: 4).CreateScheduler();
        var e = new FakeEngine(s, 4, (c, _) => c == 3 ? 20 : 1);
        e.Start();
        e.Run(until: 100);
        Assert.All(e.AcceptedLog, a => Assert.True(a.Staleness <= 4));
        Assert.All(e.DiscardLog, d => Assert.True(d.Staleness > 4));
        Assert.NotEmpty(e.DiscardLog);
    }

    [Fact]
    public void UnavailableClientsAreDispatchedWhenTheyComeOnline()
    {
        var s = Asgd.Options().CreateScheduler();
        var e = new FakeEngine(s, 3, (_, _) => 1);
        e.Available[2] = false;
        e.Start();
        Assert.Equal(2, e.InFlightCount);
        e.SetAvailable(2, true);
        Assert.Equal(3, e.InFlightCount);
    }
}

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
