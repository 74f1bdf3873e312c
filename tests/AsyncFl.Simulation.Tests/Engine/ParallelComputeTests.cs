using AsyncFl.Aggregators;
using AsyncFl.Engine;
using AsyncFl.Schedulers;
using AsyncFl.Simulation.Objectives;
using Xunit;

namespace AsyncFl.Simulation.Tests.Engine;

/// <summary><see cref="SimulationOptions.MaxDegreeOfParallelism"/>: computing ahead on workers changes nothing.</summary>
public sealed class ParallelComputeTests
{
    private static (float[] Model, string Statistics, RunResult Result, long Ahead) Run(int degree, int ahead, UpdatePayloadKind kind, long seed)
    {
        const int n = 40;
        var objective = new TridiagonalQuadratic(new TridiagonalQuadraticOptions
        {
            Dimension = 16,
            StrongConvexity = 0.05,
            NoiseScale = 0.05,
            PayloadKind = kind,
            ClientCount = n,
            Heterogeneity = 0.2,
            Seed = 3,
        });
        var builder = new FederatedServerBuilder().WithInitialModel(objective.CreateInitialPoint()).UseWorkload(objective).WithSeed(seed);
        var scheduler = new AsynchronousSchedulerOptions { Concurrency = 25, LocalSteps = 3, TimeLimitSeconds = 25, MaxStaleness = 40 };
        if (kind == UpdatePayloadKind.Weights)
        {
            builder.AddFedAsync(new FedAsyncOptions { Alpha = 0.5 }).AddAsynchronous(scheduler);
        }
        else
        {
            builder.AddFedBuff(new FedBuffOptions { BufferSize = 5 }).AddAsynchronous(scheduler);
        }

        using var server = builder.Build();
        var tau = Enumerable.Range(0, n).Select(i => 1.0 + (9.0 * i / (n - 1))).ToArray();
        var fleet = DeviceFleet.FromComputeTimes(
            tau,
            NoiseDistribution.Exponential(1.0),
            template: new DeviceTier("flaky", 1.0) { DropoutProbability = 0.2 });
        var sim = new VirtualClockSimulator(server, fleet, new SimulationOptions
        {
            MaxServerSteps = 600,
            MaxDegreeOfParallelism = degree,
            MaxResultsAhead = ahead,
        });
        var result = sim.Run();
        Assert.True(server.GetAccounting().IsBalanced);
        return (server.Model.Parameters.ToArray(), result.Statistics.Format(), result, sim.ResultsComputedAhead);
    }

    [Theory]
    [InlineData(UpdatePayloadKind.Weights, 4, 0)]
    [InlineData(UpdatePayloadKind.Weights, 3, 2)]
    [InlineData(UpdatePayloadKind.ModelDelta, 2, 1)]
    [InlineData(UpdatePayloadKind.ModelDelta, 8, 64)]
    public void ParallelRunIsBitIdenticalToSerialRun(UpdatePayloadKind kind, int degree, int ahead)
    {
        var serial = Run(1, 0, kind, seed: 5);
        var parallel = Run(degree, ahead, kind, seed: 5);
        Assert.Equal(StopReason.MaxServerSteps, serial.Result.Reason);
        Assert.True(serial.Result.Statistics.TasksDropped > 0 && serial.Result.Statistics.TasksTimedOut > 0, "the run should exercise drops and time-outs");
        Assert.Equal(0, serial.Ahead);
        Assert.True(parallel.Ahead > 0, "the workers computed nothing ahead");
        Assert.Equal(serial.Model, parallel.Model);
        Assert.Equal(serial.Statistics, parallel.Statistics);
        Assert.Equal(serial.Result.Events, parallel.Result.Events);
        Assert.Equal(serial.Result.ElapsedSeconds, parallel.Result.ElapsedSeconds);
    }

    [Fact]
    public void AWorkloadFailureOnAWorkerSurfacesFromRun()
    {
        using var server = new FederatedServerBuilder()
            .WithInitialModel(new float[4])
            .UseAggregator(m => new SgdAggregatorOptions().CreateAggregator(m))
            .AddAsynchronous(new AsynchronousSchedulerOptions { Concurrency = 4 })
            .UseWorkload(new FailingWorkload())
            .Build();
        var sim = new VirtualClockSimulator(server, new TestFleet([1, 2, 3, 4]), new SimulationOptions { MaxDegreeOfParallelism = 3 });
        var e = Assert.Throws<InvalidOperationException>(() => sim.Run());
        Assert.Equal("task 2 fails", e.Message);
    }

    [Fact]
    public void InvalidParallelOptionsAreReportedTogether()
    {
        var e = Assert.Throws<ArgumentException>(() => new SimulationOptions { MaxDegreeOfParallelism = 0, MaxResultsAhead = -1 }.Validate());
        Assert.Contains("MaxDegreeOfParallelism must be ≥ 1 (was 0)", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxResultsAhead must be ≥ 0", e.Message, StringComparison.Ordinal);
    }

    private sealed class FailingWorkload : IClientWorkload
    {
        public int Dimension => 4;

        public UpdatePayloadKind PayloadKind => UpdatePayloadKind.Gradient;

        public void Execute(in ClientWork work, Backends.ParameterVector baseModel, ClientUpdate update, RandomSource random)
        {
            if (work.TaskId == 2)
            {
                throw new InvalidOperationException("task 2 fails");
            }

            update.Payload.CopyFrom(new float[4]);
        }
    }
}
