using AsyncFl.Aggregators;
using Xunit;

namespace AsyncFl.Simulation.Tests.Engine;

/// <summary>
/// The engine finds tasks without hashing (Core's task table: a slot and its generation, <see cref="AsyncFl.Engine.TaskKey"/>)
/// and the simulator's events carry packed keys: a long-running task can still be cancelled by its handle, and its time
/// limit still fires, while thousands of newer tasks come and go in the other slots.
/// </summary>
public sealed class TaskIndexTests
{
    [Fact]
    public void ATaskOutlivingThousandsOfDispatchesIsStillCancelledByHandleAndTimedOut()
    {
        // Client 0 takes 1000 s per task; clients 1…7 take 1 s. The slow task sees ~7000 newer dispatches (far more than
        // the id ring holds), yet Cancel(handle) finds it at t = 500, and a second slow task times out at its limit.
        var scheduler = new SlowClientScheduler();
        using var server = new FederatedServerBuilder()
            .WithInitialModel(new float[2])
            .UseAggregator(m => new SgdAggregatorOptions { LearningRate = 0.01 }.CreateAggregator(m))
            .UseScheduler(scheduler)
            .UseWorkload(new QuadraticWorkload(2))
            .WithSeed(3)
            .Build();
        var sim = new VirtualClockSimulator(server, new TestFleet([1000, 1, 1, 1, 1, 1, 1, 1]), new SimulationOptions { MaxTime = 2000 });
        sim.Run();
        Assert.True(scheduler.CancelResult);
        Assert.False(scheduler.SecondCancelResult);
        Assert.Equal([(scheduler.SlowTask, TaskEndReason.Cancelled, 500.0), (scheduler.SlowTask2, TaskEndReason.TimedOut, 1200.0)], scheduler.SlowEnds);
        Assert.True(server.GetAccounting().IsBalanced);
        Assert.True(server.TasksDispatched > 10_000);
    }

    private sealed class SlowClientScheduler : IScheduler
    {
        public long SlowTask { get; private set; } = -1;

        public long SlowTask2 { get; private set; } = -1;

        public bool CancelResult { get; private set; }

        public bool SecondCancelResult { get; private set; } = true;

        public List<(long, TaskEndReason, double)> SlowEnds { get; } = [];

        public string Name => "SlowClient";

        public void OnStart(ISchedulerContext context)
        {
            SlowTask = context.Dispatch(new TaskRequest(0)).Id;
            for (int c = 1; c < context.ClientCount; c++)
            {
                context.Dispatch(new TaskRequest(c));
            }

            context.SetTimer(500, 1);
        }

        public void OnResult(ISchedulerContext context, in TaskResult result) => context.Accept(in result, SubmitOptions.Default);

        public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
        {
            if (ended.Task.ClientId == 0)
            {
                SlowEnds.Add((ended.Task.Handle.Id, ended.Reason, ended.EndTime));
                if (SlowTask2 < 0)
                {
                    SlowTask2 = context.Dispatch(new TaskRequest(0) { TimeLimitSeconds = 700 }).Id;
                }

                return;
            }

            if (context.Now < 1500)
            {
                context.Dispatch(new TaskRequest(ended.Task.ClientId));
            }
        }

        public void OnClientAvailable(ISchedulerContext context, int clientId)
        {
        }

        public void OnTimer(ISchedulerContext context, long tag)
        {
            CancelResult = context.Cancel(new TaskHandle(SlowTask));
            SecondCancelResult = context.Cancel(new TaskHandle(SlowTask));
        }
    }
}
