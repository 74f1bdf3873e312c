using AsyncFl.Simulation.Objectives;
using Extending;
using Xunit;

namespace AsyncFl.Simulation.Tests.Docs;

/// <summary>
/// docs/extending.md's custom aggregator (on <see cref="Aggregators.AggregatorBase"/>) and custom scheduler (on the
/// engine's uniform idle pick) are docs/snippets/CustomAggregator.cs and CustomScheduler.cs: this project compiles them,
/// these tests run them on the virtual clock and check that the guide shows them verbatim.
/// </summary>
public class ExtendingGuideTests
{
    private static string ReadCopied(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", name)).ReplaceLineEndings("\n");

    private static string Between(string source, string begin, string end)
    {
        int b = source.IndexOf(begin, StringComparison.Ordinal);
        int e = source.IndexOf(end, StringComparison.Ordinal);
        Assert.True(b >= 0 && e > b, $"markers {begin}/{end} missing or out of order");
        return source[(b + begin.Length)..e].Trim('\n');
    }

    [Theory]
    [InlineData("CustomAggregator.cs.txt", "// EXTENDING-AGGREGATOR-BEGIN", "// EXTENDING-AGGREGATOR-END")]
    [InlineData("CustomScheduler.cs.txt", "// EXTENDING-SCHEDULER-BEGIN", "// EXTENDING-SCHEDULER-END")]
    public void TheGuideShowsTheCompiledCodeVerbatim(string file, string begin, string end) =>
        Assert.Contains("```csharp\n" + Between(ReadCopied(file), begin, end) + "\n```", ReadCopied("extending.md"), StringComparison.Ordinal);

    [Fact]
    public void TheCustomAggregatorAndSchedulerTrainOnTheVirtualClock()
    {
        var objective = new TridiagonalQuadratic(new TridiagonalQuadraticOptions
        {
            Dimension = 20,
            StrongConvexity = 0.05,
            PayloadKind = UpdatePayloadKind.ModelDelta,
            DefaultLearningRate = 0.5,
        });
        var fleet = DeviceFleet.FromComputeTimes(ComputeTimes.SqrtIndex(50));
        var scheduler = new StragglerCutScheduler(concurrency: 10, maxStaleness: 20, localSteps: 5);
        using var server = new FederatedServerBuilder()
            .WithInitialModel(objective.CreateInitialPoint())
            .UseWorkload(objective)
            .UseAggregator(new ServerMomentumOptions { LearningRate = 0.3, Momentum = 0.5, ClientCount = 50 }.CreateAggregator)
            .UseScheduler(scheduler)
            .WithSeed(42)
            .Build();
        double initial = objective.Suboptimality(server.Model.Parameters);
        var result = new VirtualClockSimulator(server, fleet, new SimulationOptions { MaxTime = 300 }).Run();
        double final = objective.Suboptimality(server.Model.Parameters);

        Assert.True(final < initial / 10, $"f − f* went from {initial:G3} to {final:G3}");
        Assert.Equal("ServerMomentum", server.Aggregator.Name);
        Assert.True(scheduler.TimedOut > 0, "the slowest devices (√50 ≈ 7× the fastest) should run past twice the mean duration");
        Assert.Equal(scheduler.TimedOut, result.Statistics.TasksTimedOut);
        Assert.True(server.GetAccounting().IsBalanced);
    }

    [Fact]
    public void TheBaseClassValidatesUntrustedUpdatesForTheCustomAggregator()
    {
        var cpu = Backends.CpuParameterBackend.Instance;
        using var model = GlobalModel.Create(cpu, [1f, 2f]);
        using var aggregator = new ServerMomentumOptions().CreateAggregator(model);
        using var nan = cpu.FromSpan([float.NaN, 0f]);
        Assert.Equal(RejectionReason.NonFinite, aggregator.Submit(new ClientUpdate(nan) { Kind = UpdatePayloadKind.ModelDelta }, SubmitOptions.Default).Reason);
        using var weights = cpu.FromSpan([0f, 0f]);
        Assert.Equal(RejectionReason.UnsupportedKind, aggregator.Submit(new ClientUpdate(weights) { Kind = UpdatePayloadKind.Weights }, SubmitOptions.Default).Reason);
        Assert.Equal([1f, 2f], model.Parameters.ToArray());
        Assert.Equal(2, aggregator.Counters.RejectedTotal);
        Assert.Throws<ArgumentException>(() => new ServerMomentumOptions { Momentum = 1, LearningRate = double.NaN }.CreateAggregator(model));
    }
}
