// This file is compiled and run by tests/AsyncFl.Testing.Tests (Docs/TestingGuideTests.cs) and by the packed
// packages' consumer tests/PackageTest; the tests also check that docs/testing.md shows it verbatim.
// TESTING-EXAMPLE-BEGIN
using AsyncFl;
using AsyncFl.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace Extending;

/// <summary>Property-tests docs/extending.md's aggregator and scheduler with AsyncFl.Testing.</summary>
public static class PropertyTestExample
{
    /// <summary>Runs the checks; throws with a shrunk counterexample when one fails.</summary>
    /// <returns>The two conformance reports.</returns>
    public static string Run()
    {
        // 1. The conformance suite: generated update scripts (hostile ones included) for the aggregator; generated
        //    fleets, replays, seeds and manual-clock interleavings for the scheduler.
        var aggregator = ConformanceSuite.CheckAggregator(
            "ServerMomentum",
            model => new ServerMomentumOptions { ClientCount = 8 }.CreateAggregator(model));
        aggregator.ThrowIfFailed();

        var scheduler = ConformanceSuite.CheckScheduler(
            "StragglerCut",
            () => new StragglerCutScheduler(concurrency: 3, maxStaleness: 20, localSteps: 1),
            new SchedulerConformanceOptions
            {
                Aggregator = model => new ServerMomentumOptions { ClientCount = 8 }.CreateAggregator(model),
                PayloadKind = UpdatePayloadKind.ModelDelta,
            });
        scheduler.ThrowIfFailed();

        // 2. A property of your own over generated fleets (FsCheck shrinks a failure to the smallest fleet): the two
        //    strategies together keep the engine's invariants on every fleet and never end above the start.
        Prop.ForAll(Arbitraries.Scenarios(maxClients: 6, maxEvents: 200), scenario =>
        {
            using var run = ScenarioRun.Start(
                scenario,
                new StragglerCutScheduler(concurrency: 3, maxStaleness: 20, localSteps: 1),
                model => new ServerMomentumOptions { ClientCount = 8 }.CreateAggregator(model),
                UpdatePayloadKind.ModelDelta);
            var notWorse = run.FinalLoss <= run.InitialLoss
                ? InvariantResult.Pass("the loss does not end above the start")
                : InvariantResult.Fail("the loss does not end above the start", $"{run.InitialLoss} → {run.FinalLoss}");
            return run.Invariants.And(notWorse).ToProperty();
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(30).WithQuietOnSuccess(true));

        return aggregator + Environment.NewLine + scheduler;
    }
}
// TESTING-EXAMPLE-END
