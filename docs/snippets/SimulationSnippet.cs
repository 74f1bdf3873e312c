// This file is compiled and run by tests/AsyncFl.Simulation.Tests (Docs/SimulationSnippetTests.cs), which also
// checks that README.md shows the code between the markers verbatim.
// README-SNIPPET-BEGIN
using AsyncFl;
using AsyncFl.Aggregators;
using AsyncFl.Engine;
using AsyncFl.Schedulers;
using AsyncFl.Simulation;
using AsyncFl.Simulation.Objectives;

namespace QuickStart;

public static class SimulationSnippet
{
    public static (double InitialGap, double FinalGap, RunResult Result) Run()
    {
        // Clients run 5 local SGD steps on a 20-dimensional quadratic and send a model delta.
        var objective = new TridiagonalQuadratic(new TridiagonalQuadraticOptions
        {
            Dimension = 20,
            StrongConvexity = 0.05,
            PayloadKind = UpdatePayloadKind.ModelDelta,
            DefaultLearningRate = 0.5,
        });

        // 50 devices; device i needs √i seconds per local step (a 7× spread in speed).
        var fleet = DeviceFleet.FromComputeTimes(ComputeTimes.SqrtIndex(50));

        using var server = new FederatedServerBuilder()
            .WithInitialModel(objective.CreateInitialPoint())
            .UseWorkload(objective)
            .AddFedBuff(new FedBuffOptions { BufferSize = 5 })               // staleness weight 1/√(1+τ)
            .AddAsynchronous(new AsynchronousSchedulerOptions { Concurrency = 10, LocalSteps = 5 })
            .WithSeed(42)
            .Build();

        double initialGap = objective.Suboptimality(server.Model.Parameters);
        var result = new VirtualClockSimulator(server, fleet, new SimulationOptions { MaxTime = 300 }).Run();
        return (initialGap, objective.Suboptimality(server.Model.Parameters), result);  // f − f* shrinks
    }
}
// README-SNIPPET-END
