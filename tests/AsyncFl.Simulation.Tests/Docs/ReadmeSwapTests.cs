using AsyncFl.Aggregators;
using AsyncFl.Schedulers;
using AsyncFl.Simulation.Objectives;
using Xunit;

namespace AsyncFl.Simulation.Tests.Docs;

/// <summary>
/// Every swap the README offers on its simulation snippet, run exactly as written there: the README's table shows
/// each swap's code verbatim (checked here), and each one, put into the snippet, must train the model (f − f*
/// shrinks at least tenfold in the snippet's 300 simulated seconds).
/// </summary>
public class ReadmeSwapTests
{
    public static TheoryData<string> Swaps() => [.. Table.Keys];

    // README code → the snippet's builder with that swap applied (aggregator, scheduler, or both; the objective's
    // payload kind where the swap says so).
    private static readonly Dictionary<string, Swap> Table = new()
    {
        ["`.AddFedBuff(new FedBuffOptions { BufferSize = 5 })`"] = new(b => b.AddFedBuff(new FedBuffOptions { BufferSize = 5 })),
        ["`.AddCa2Fl(new Ca2FlOptions { ClientCount = 50 })`"] = new(b => b.AddCa2Fl(new Ca2FlOptions { ClientCount = 50 })),
        ["`.AddVersionAware()`"] = new(b => b.AddVersionAware()),
        ["`.AddAfl(new AflOptions { ServerOptimizer = ServerOptimizers.Sgd(0.5) })`"] = new(b => b.AddAfl(new AflOptions { ServerOptimizer = ServerOptimizers.Sgd(0.5) })),
        ["`.AddFedAsync()`"] = new(b => b.AddFedAsync(), UpdatePayloadKind.Weights),
        ["`.AddFedAvg()` with `.AddSynchronousRounds(new SynchronousRoundsOptions { ClientsPerRound = 10, LocalSteps = 5 })`"] =
            new(b => b.AddFedAvg(), Scheduler: b => b.AddSynchronousRounds(new SynchronousRoundsOptions { ClientsPerRound = 10, LocalSteps = 5 })),
    };

    private static string Readme() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Docs", "README.md")).ReplaceLineEndings("\n");

    [Theory]
    [MemberData(nameof(Swaps))]
    public void TheReadmeShowsTheSwap(string code) => Assert.Contains(code, Readme(), StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Swaps))]
    public void TheSwapTrainsTheSnippetsModel(string code)
    {
        var swap = Table[code];
        var objective = new TridiagonalQuadratic(new TridiagonalQuadraticOptions
        {
            Dimension = 20,
            StrongConvexity = 0.05,
            PayloadKind = swap.PayloadKind,
            DefaultLearningRate = 0.5,
        });
        var fleet = DeviceFleet.FromComputeTimes(ComputeTimes.SqrtIndex(50));
        var builder = new FederatedServerBuilder()
            .WithInitialModel(objective.CreateInitialPoint())
            .UseWorkload(objective)
            .WithSeed(42);
        builder = swap.Aggregator(builder);
        builder = swap.Scheduler is null
            ? builder.AddAsynchronous(new AsynchronousSchedulerOptions { Concurrency = 10, LocalSteps = 5 })
            : swap.Scheduler(builder);
        using var server = builder.Build();
        double initial = objective.Suboptimality(server.Model.Parameters);
        var result = new VirtualClockSimulator(server, fleet, new SimulationOptions { MaxTime = 300 }).Run();
        double final = objective.Suboptimality(server.Model.Parameters);
        Assert.True(final < initial / 10, $"{code}: f − f* went from {initial:G3} to {final:G3} in {result.ElapsedSeconds} s ({result.Version} steps)");
    }

    private sealed record Swap(
        Func<FederatedServerBuilder, FederatedServerBuilder> Aggregator,
        UpdatePayloadKind PayloadKind = UpdatePayloadKind.ModelDelta,
        Func<FederatedServerBuilder, FederatedServerBuilder>? Scheduler = null);
}
