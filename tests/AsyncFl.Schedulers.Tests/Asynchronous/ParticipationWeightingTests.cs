using Xunit;

namespace AsyncFl.Schedulers.Tests;

/// <summary>The asynchronous scheduler's inter-arrival participation weights, against hand computations.</summary>
public sealed class ParticipationWeightingTests
{
    [Fact]
    public void InterArrivalWeightsAreMeanDurationOverHarmonicMean()
    {
        var s = new AsynchronousScheduler(new AsynchronousSchedulerOptions
        {
            Concurrency = 2,
            ParticipationWeighting = AsynchronousParticipationWeighting.InterArrival,
        });
        var ctx = new WeightRecorder(2);

        // Client 0 first (latency 1, nothing observed yet): T̂₀ = 1 (own latency), T̄ = 1/1 = 1, w = 1.
        Complete(s, ctx, client: 0, start: 0, end: 1);

        // Client 1 (latency 10, first): T̄ = 2 / (1/1 + 1/10) = 2/1.1, w = 10·1.1/2 = 5.5.
        Complete(s, ctx, client: 1, start: 0, end: 10);

        // Client 0 again: T̂₀ = 1, w = 1·1.1/2 = 0.55.
        Complete(s, ctx, client: 0, start: 10, end: 11);

        // Client 0 takes 3 s: its weight uses the mean observed before this task ends (1), then the mean becomes 5/3.
        Complete(s, ctx, client: 0, start: 11, end: 14);

        // Client 1: T̂₁ = 10, Σ 1/T̂ = 3/5 + 1/10 = 0.7, w = 10·0.7/2 = 3.5.
        Complete(s, ctx, client: 1, start: 10, end: 20);

        Assert.Equal(5, ctx.Weights.Count);
        double[] expected = [1.0, 5.5, 0.55, 0.55, 3.5];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], ctx.Weights[i], 12);
        }
    }

    [Fact]
    public void DroppedTasksAreNotObservedAndNoneWeighsOne()
    {
        var weighted = new AsynchronousScheduler(new AsynchronousSchedulerOptions
        {
            Concurrency = 2,
            ParticipationWeighting = AsynchronousParticipationWeighting.InterArrival,
        });
        var ctx = new WeightRecorder(2);
        Complete(weighted, ctx, client: 0, start: 0, end: 2);

        // A dropped 100 s task of client 1 delivers nothing and must not enter T̂₁.
        weighted.OnTaskEnded(ctx, new TaskEnded(Info(1, 0), TaskEndReason.Dropped, 100, 0));

        // Client 1 (latency 4, first real observation): Σ 1/T̂ = 1/2 + 1/4 = 0.75, w = 4·0.75/2 = 1.5.
        Complete(weighted, ctx, client: 1, start: 100, end: 104);
        Assert.Equal([1.0, 1.5], ctx.Weights);

        var plain = new AsynchronousScheduler(new AsynchronousSchedulerOptions { Concurrency = 2 });
        var plainCtx = new WeightRecorder(2);
        Complete(plain, plainCtx, client: 0, start: 0, end: 1);
        Complete(plain, plainCtx, client: 1, start: 0, end: 10);
        Assert.Equal([1.0, 1.0], plainCtx.Weights);
    }

    [Fact]
    public void UndefinedWeightingIsRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new AsynchronousScheduler(new AsynchronousSchedulerOptions { ParticipationWeighting = (AsynchronousParticipationWeighting)7 }));
        Assert.Contains("ParticipationWeighting", ex.Message, StringComparison.Ordinal);
    }

    private static TaskInfo Info(int client, double start) =>
        new(new TaskHandle(client), new TaskRequest(client), new ModelVersion(0), start);

    private static void Complete(AsynchronousScheduler s, WeightRecorder ctx, int client, double start, double end)
    {
        var info = Info(client, start);
        s.OnResult(ctx, new TaskResult(info, 0, null!, 0, end));
        s.OnTaskEnded(ctx, new TaskEnded(info, TaskEndReason.Completed, end, 1));
    }

    /// <summary>Records the weight of every accepted result; reports every slot busy so the scheduler dispatches nothing.</summary>
    private sealed class WeightRecorder(int clients) : ISchedulerContext
    {
        public List<double> Weights { get; } = [];

        public double Now => 0;

        public ModelVersion Version => new(0);

        public GlobalModel Model => null!;

        public int ClientCount => clients;

        public RandomSource Random { get; } = RandomSource.Create(1, 0);

        public int InFlightCount => 100;

        public IReadOnlyCollection<TaskInfo> InFlight => [];

        public bool IsAvailable(int clientId) => true;

        public bool IsBusy(int clientId) => true;

        public bool TryPickIdleClient(out int clientId)
        {
            clientId = -1;
            return false;
        }

        public TaskHandle Dispatch(in TaskRequest request) => throw new InvalidOperationException("unexpected dispatch");

        public bool Cancel(TaskHandle task) => false;

        public AggregationOutcome Accept(in TaskResult result, in SubmitOptions options)
        {
            Weights.Add(options.Weight);
            return default;
        }

        public void Discard(in TaskResult result, RejectionReason reason)
        {
        }

        public AggregationOutcome Flush(in FlushOptions options) => default;

        public void SetTimer(double delaySeconds, long tag)
        {
        }

        public void RequestStop()
        {
        }
    }
}
