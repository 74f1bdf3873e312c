using AsyncFl.Core.Tests.TestSupport;
using AsyncFl.Engine;
using Xunit;

namespace AsyncFl.Core.Tests.Engine;

/// <summary>The engine's per-client busy state (<see cref="ClientRoster"/>, a bitset), seen through the scheduler context
/// of a built server: word boundaries, set at dispatch, cleared when the task ends, consistent with the runner port's
/// <see cref="IRunnerPort.TaskOfClient"/>.</summary>
public sealed class ClientRosterTests
{
    [Fact]
    public void BusyFlagsFollowDispatchAndEndAcrossWordBoundaries()
    {
        var runner = new HoldingRunner(130);
        var scheduler = new CapturingScheduler();
        using var server = new FederatedServerBuilder()
            .WithInitialModel(new float[2])
            .UseAggregator(m => new TinySgdAggregator(m, 0.1))
            .UseScheduler(scheduler)
            .UseWorkload(new IdentityQuadratic(2))
            .WithSeed(3)
            .Build();
        var port = server.Attach(runner);
        port.Start();
        ISchedulerContext ctx = scheduler.Context!;
        int[] clients = [0, 63, 64, 127, 128, 129];
        foreach (int c in clients)
        {
            ctx.Dispatch(new TaskRequest(c));
        }

        for (int c = 0; c < 130; c++)
        {
            bool expected = Array.IndexOf(clients, c) >= 0;
            Assert.Equal(expected, ctx.IsBusy(c));
            Assert.Equal(expected, port.TaskOfClient(c) is not null);
        }

        Assert.Throws<InvalidOperationException>(() => ctx.Dispatch(new TaskRequest(64)));
        var task64 = runner.Launched.Single(t => t.ClientId == 64);
        port.ReportDropped(task64);
        port.Release(task64);
        Assert.False(ctx.IsBusy(64));
        Assert.True(ctx.IsBusy(63));
        Assert.True(ctx.IsBusy(127));
        Assert.Equal(5, server.InFlightCount);

        ctx.Dispatch(new TaskRequest(64)); // idle again: can be dispatched
        Assert.True(ctx.IsBusy(64));
        Assert.False(ctx.IsBusy(-1));
        Assert.False(ctx.IsBusy(130));
    }

    private sealed class HoldingRunner(int clients) : ITaskRunner
    {
        public List<EngineTask> Launched { get; } = [];

        public double Now => 0;

        public int ClientCount => clients;

        public bool IsAvailable(int clientId) => true;

        public void Launch(EngineTask task) => Launched.Add(task);

        public void Cancel(EngineTask task)
        {
        }

        public void SetTimer(double dueTime, long cookie)
        {
        }
    }

    private sealed class CapturingScheduler : IScheduler
    {
        public ISchedulerContext? Context { get; private set; }

        public string Name => "capture";

        public void OnStart(ISchedulerContext context) => Context = context;

        public void OnResult(ISchedulerContext context, in TaskResult result) => context.Discard(in result, RejectionReason.DiscardedByScheduler);

        public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
        {
        }

        public void OnClientAvailable(ISchedulerContext context, int clientId)
        {
        }

        public void OnTimer(ISchedulerContext context, long tag)
        {
        }
    }
}
