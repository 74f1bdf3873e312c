using AsyncFl.Aggregators;
using Xunit;

namespace AsyncFl.Testing.Tests.Doubles;

/// <summary>The manual clock delivers, drops, times out and cancels in the order the test chooses, and keeps the
/// runner's side of the protocol (every task released once).</summary>
public sealed class ManualRunnerTests
{
    [Fact]
    public void DeliverDropTimeOutAndStopEachEndATaskExactlyOnce()
    {
        var trace = new RecordingScheduler(new KeepBusyScheduler(2));
        using var server = Server(trace, 2);
        var runner = new ManualRunner(3);
        runner.Attach(server);
        runner.Start();
        Assert.Equal(2, runner.Running.Count);

        runner.Deliver(runner.Running[0]);           // completes, the scheduler refills
        Assert.Equal(1, server.Version.Value);
        Assert.Equal(2, runner.Running.Count);
        runner.Drop(runner.Running[0]);              // dropped, refilled
        runner.SetOnline(runner.Running[0].ClientId, false); // offline drops it too
        runner.Advance(5);
        runner.Stop();                               // the rest is abandoned and released

        Assert.Empty(runner.Running);
        var accounting = server.GetAccounting();
        Assert.Equal(1, accounting.Completed);
        Assert.Equal(2, accounting.Dropped);
        Assert.Equal(accounting.Dispatched - 3, accounting.Abandoned);
        AsyncFl.Testing.Invariants.ExactlyOnceAccounting(trace, accounting).Assert();
        Assert.Equal(5, runner.Now);
    }

    [Fact]
    public void AdvancingPastATimeLimitEndsTheTaskAsTimedOut()
    {
        var trace = new RecordingScheduler(new Schedulers.AsynchronousSchedulerOptions { Concurrency = 1, TimeLimitSeconds = 2 }.CreateScheduler());
        using var server = Server(trace, 1);
        var runner = new ManualRunner(2);
        runner.Attach(server);
        runner.Start();
        long first = runner.Running.Single().Id;
        runner.Advance(1.5);
        Assert.Equal(first, runner.Running.Single().Id);
        runner.Advance(1);
        Assert.Contains(first, runner.Cancelled);
        Assert.Contains(TaskEndReason.TimedOut, trace.EndReasons);
        Assert.Equal(2.5, runner.Now);
        runner.Stop();
        AsyncFl.Testing.Invariants.ExactlyOnceAccounting(trace, server.GetAccounting()).Assert();
    }

    private static FederatedServer Server(IScheduler scheduler, int dimension)
    {
        var workload = new QuadraticWorkload(dimension);
        return new FederatedServerBuilder()
            .WithInitialModel(workload.InitialPoint())
            .UseAggregator(m => new SgdAggregatorOptions { LearningRate = 0.1 }.CreateAggregator(m))
            .UseScheduler(scheduler)
            .UseWorkload(workload)
            .WithSeed(3)
            .Build();
    }

    [Fact]
    public void BadCallsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ManualRunner(0));
        var runner = new ManualRunner(1);
        Assert.Throws<InvalidOperationException>(() => runner.Port);
        Assert.Throws<ArgumentOutOfRangeException>(() => runner.Advance(double.NaN));
    }
}
