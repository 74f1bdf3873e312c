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

    [Fact]
    public void RingmasterThresholdFromNoiseIsTheNoiseBatch()
    {
        Assert.Equal(3 - 1, Ringmaster.FromNoise(5, 2).MaxStaleness);   // R = ⌈2.5⌉: delays ≥ 3 never applied
        Assert.Equal(1 - 1, Ringmaster.FromNoise(0, 2).MaxStaleness);   // R = max{1, 0}
    }
}
