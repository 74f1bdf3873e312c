using Xunit;

namespace AsyncFl.Schedulers.Tests;

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
