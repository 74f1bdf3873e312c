using AsyncFl.Aggregators;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace AsyncFl.Testing.Tests.Invariants;

/// <summary>The proved FedAsync bound on the quadratic holds for generated fleets and fails for a wrong mixing rule.</summary>
public sealed class ConvergenceBoundTests
{
    [Fact]
    public void FedAsyncStaysWithinTheBoundOnEveryGeneratedFleet()
    {
        const long MaxStaleness = 6;
        var staleness = StalenessFunctions.Polynomial(0.5);
        Prop.ForAll(Arbitraries.Scenarios(maxClients: 6, maxEvents: 400), scenario =>
        {
            using var run = ScenarioRun.Start(
                scenario,
                new KeepBusyScheduler(Math.Min(3, scenario.Fleet.Clients)),
                m => new FedAsyncOptions { Alpha = 0.6, Staleness = staleness, MaxStaleness = MaxStaleness }.CreateAggregator(m),
                UpdatePayloadKind.Weights);
            var bound = QuadraticConvergenceBound.ForFedAsync(run.Workload, 1, 0.6, staleness, MaxStaleness);
            long applied = run.Server.Aggregator.Counters.Applied;
            return run.Invariants.And(AsyncFl.Testing.Invariants.WithinConvergenceBound(run.InitialLoss, run.FinalLoss, applied, bound)).ToProperty();
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(40).WithQuietOnSuccess(true));
    }

    [Fact]
    public void AnOvershootingMixBreaksTheBound()
    {
        // α_t = 0.6·√(1 + τ) > 1 at staleness ≥ 2: the bound computed for α = 0.6 must not hold for long runs with staleness.
        var scenario = new Scenario(new FleetSpec([1, 7, 13]), 2, 5, 400);
        using var run = ScenarioRun.Start(scenario, new KeepBusyScheduler(3), m => new Conformance.GrowingMixAggregator(m), UpdatePayloadKind.Weights);
        var bound = QuadraticConvergenceBound.ForFedAsync(run.Workload, 1, 0.6, null, run.Trace.AcceptedStaleness.Max());
        var verdict = AsyncFl.Testing.Invariants.WithinConvergenceBound(run.InitialLoss, run.FinalLoss, run.Server.Aggregator.Counters.Applied, bound);
        Assert.False(verdict.Holds, verdict.ToString());
    }

    [Fact]
    public void TheFactorIsTheFormula()
    {
        var bound = new QuadraticConvergenceBound(0.5, 0.6, 2);
        Assert.Equal(0.7, bound.Rate, 12);
        Assert.Equal(1, bound.Factor(2));
        Assert.Equal(0.49, bound.Factor(3), 12);
        Assert.Equal(0.49 * 0.49, bound.Factor(7), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuadraticConvergenceBound(1, 0.5, 0));
    }
}
