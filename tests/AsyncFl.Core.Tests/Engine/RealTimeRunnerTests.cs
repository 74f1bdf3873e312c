using AsyncFl.Core.Tests.TestSupport;
using AsyncFl.Engine;
using AsyncFl.Testing;
using Xunit;

namespace AsyncFl.Core.Tests.Engine;

public sealed class RealTimeRunnerTests
{
    private static FederatedServer Build(IScheduler scheduler, int d = 8, double lr = 0.05) =>
        new FederatedServerBuilder()
            .WithInitialModel(Enumerable.Repeat(1f, d).ToArray())
            .UseAggregator(m => new TinySgdAggregator(m, lr))
            .UseScheduler(scheduler)
            .UseWorkload(new IdentityQuadratic(d))
            .WithSeed(17)
            .Build();

    [Fact]
    public async Task TwentyConcurrentClientsTrainToTheTargetAndEveryTaskIsAccountedFor()
    {
        using var server = Build(new KeepBusyScheduler(20));
        var runner = new RealTimeRunner(server, new RealTimeRunnerOptions
        {
            ClientCount = 20,
            ClientDelay = (client, random) => TimeSpan.FromMilliseconds(random.Next(0, 3)),
            StopWhen = s => IdentityQuadratic.Loss(s) <= 4e-3 * 1e-2,
            ChannelCapacity = 8,
        });
        var result = await runner.RunAsync();

        // f(x0) = 4; γ = 0.05 per gradient: (1 − 0.05)^(2k) ≤ 1e-4 needs k ≈ 90 updates (more with staleness).
        Assert.Equal(StopReason.Predicate, result.Reason);
        Assert.True(IdentityQuadratic.Loss(server) <= 4e-5);
        var acc = server.GetAccounting();
        Assert.True(acc.IsBalanced, acc.ToString());
        Assert.Equal(0, acc.InFlight);
        Assert.Equal(acc.Dispatched, acc.Completed + acc.Abandoned);
        Assert.True(acc.Abandoned <= 20);
        Assert.Equal(acc.ResultsDelivered, result.Statistics.Applied);
        Assert.True(result.Statistics.ParticipatingClients > 1);
    }

    [Fact]
    public async Task CancellationMidTaskIsHonoured()
    {
        // Client 0 waits "forever" (an hour); the scheduler cancels it when client 1's result arrives.
        var scheduler = new CancelSlowScheduler();
        using var server = Build(scheduler);
        var runner = new RealTimeRunner(server, new RealTimeRunnerOptions
        {
            ClientCount = 2,
            ClientDelay = (client, _) => client == 0 ? TimeSpan.FromHours(1) : TimeSpan.FromMilliseconds(1),
        });
        var result = await runner.RunAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(StopReason.Idle, result.Reason);
        Assert.Equal(TaskEndReason.Cancelled, scheduler.SlowEnd);
        Assert.Equal(0, scheduler.SlowResults);
        var acc = server.GetAccounting();
        Assert.Equal(1, acc.Cancelled);
        Assert.Equal(1, acc.Completed);
        Assert.True(acc.IsBalanced);
        Assert.Equal(1, server.Version.Value);
    }

    [Fact]
    public async Task ExternalCancellationAbandonsTasksAndThrows()
    {
        using var server = Build(new KeepBusyScheduler(3));
        var runner = new RealTimeRunner(server, new RealTimeRunnerOptions
        {
            ClientCount = 3,
            ClientDelay = (_, _) => TimeSpan.FromHours(1),
        });
        using var cts = new CancellationTokenSource();
        var run = runner.RunAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromMinutes(1)));
        var acc = server.GetAccounting();
        Assert.Equal(3, acc.Abandoned);
        Assert.True(acc.IsBalanced);
    }

    [Fact]
    public async Task MaxDurationStopIsReportedAsMaxDurationWithTheStatisticsAfterTheStop()
    {
        using var server = Build(new KeepBusyScheduler(3));
        var runner = new RealTimeRunner(server, new RealTimeRunnerOptions
        {
            ClientCount = 3,
            ClientDelay = (_, _) => TimeSpan.FromHours(1),
            MaxDuration = TimeSpan.FromMilliseconds(200),
        });
        var result = await runner.RunAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(StopReason.MaxDuration, result.Reason);

        // The three tasks were in flight at the stop: the result's statistics count them as abandoned, none in flight.
        Assert.Equal(0, result.Statistics.TasksInFlight);
        Assert.Equal(3, result.Statistics.TasksAbandoned);
        Assert.Equal(server.GetAccounting().Abandoned, result.Statistics.TasksAbandoned);
    }

    [Fact]
    public void OptionsReportEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new RealTimeRunnerOptions { ClientCount = 0, ChannelCapacity = 0, MaxServerSteps = -1 }.Validate());
        Assert.Contains("ClientCount", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ChannelCapacity", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxServerSteps", ex.Message, StringComparison.Ordinal);
    }

    private sealed class CancelSlowScheduler : IScheduler
    {
        private TaskHandle _slow;

        public TaskEndReason? SlowEnd { get; private set; }

        public int SlowResults { get; private set; }

        public string Name => "CancelSlow";

        public void OnStart(ISchedulerContext context)
        {
            _slow = context.Dispatch(new TaskRequest(0));
            context.Dispatch(new TaskRequest(1));
        }

        public void OnResult(ISchedulerContext context, in TaskResult result)
        {
            if (result.Task.Handle == _slow)
            {
                SlowResults++;
            }

            context.Accept(in result, SubmitOptions.Default);
            Assert.True(context.Cancel(_slow));
            Assert.False(context.Cancel(_slow));
        }

        public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
        {
            if (ended.Task.Handle == _slow)
            {
                SlowEnd = ended.Reason;
            }
        }

        public void OnClientAvailable(ISchedulerContext context, int clientId)
        {
        }

        public void OnTimer(ISchedulerContext context, long tag)
        {
        }
    }
}
