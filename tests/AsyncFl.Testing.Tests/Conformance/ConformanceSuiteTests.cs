using AsyncFl.Aggregators;
using Xunit;
using Xunit.Abstractions;

namespace AsyncFl.Testing.Tests.Conformance;

/// <summary>The conformance suite catches deliberately broken strategies and shrinks the counterexample to a minimal
/// case; correct test doubles pass it.</summary>
public sealed class ConformanceSuiteTests(ITestOutputHelper output)
{
    [Fact]
    public void AMixWeightAboveOneForLargeStalenessFailsWithAMinimalCounterexample()
    {
        var report = ConformanceSuite.CheckAggregator("GrowingMix", m => new GrowingMixAggregator(m), new AggregatorConformanceOptions
        {
            PayloadKind = UpdatePayloadKind.Weights,
            ConvexMix = true,
        });
        output.WriteLine(report.ToString());
        Assert.False(report.Passed);
        var failure = Assert.Single(report.Failures);
        Assert.Equal("every step keeps the aggregator invariants", failure.Property);
        Assert.Contains("convex combination", failure.Message);

        // Minimal: one parameter, two fresh updates to reach version 2, then one update of staleness 2 (the first
        // staleness at which 0.6·√(1 + τ) exceeds 1), all from the zero model toward 1.
        var script = Assert.IsType<AggregatorScript>(failure.Counterexample);
        Assert.Equal(1, script.Dimension);
        Assert.Equal(3, script.Submissions);
        Assert.Equal(3, script.Steps.Count);
        Assert.Equal(2, script.MaxStaleness);
        Assert.All(script.Steps, s => Assert.Equal(HostileKind.None, s.Hostility));
        Assert.True(failure.Shrinks > 0);
        var original = Assert.IsType<AggregatorScript>(failure.Original);
        Assert.True(original.Steps.Count >= script.Steps.Count);
    }

    [Fact]
    public void AnAggregatorThatAppliesAFullBufferTwiceFailsWithTwoSubmissions()
    {
        var report = ConformanceSuite.CheckAggregator("DoubleApply", m => new DoubleApplyAggregator(m));
        output.WriteLine(report.ToString());
        var failure = Assert.Single(report.Failures, f => f.Property == "every step keeps the aggregator invariants");
        Assert.Contains("at most one server step", failure.Message);

        // Minimal: the two submissions that fill the buffer, one parameter, fresh, valid.
        var script = Assert.IsType<AggregatorScript>(failure.Counterexample);
        Assert.Equal(2, script.Steps.Count);
        Assert.Equal(2, script.Submissions);
        Assert.Equal(1, script.Dimension);
        Assert.Equal(0, script.MaxStaleness);
        Assert.All(script.Steps, s => Assert.Equal(HostileKind.None, s.Hostility));
    }

    [Fact]
    public void ASchedulerThatDoesNotReplaceDroppedTasksFailsWithOneClient()
    {
        var report = ConformanceSuite.CheckScheduler("Forgetful", () => new ForgetfulScheduler());
        output.WriteLine(report.ToString());
        var failure = Assert.Single(report.Failures, f => f.Property == "runs keep the engine invariants and make progress");
        Assert.Contains("went idle", failure.Message);
        var scenario = Assert.IsType<Scenario>(failure.Counterexample);
        Assert.Equal(1, scenario.Fleet.Clients);
        Assert.True(scenario.Fleet.DropoutProbability > 0);
        Assert.Equal(0, scenario.Fleet.NoiseMean);
        Assert.Equal(1, scenario.Fleet.AvailableFraction);
        Assert.Equal(1, scenario.Dimension);
    }

    [Fact]
    public void TheTestDoublesPass()
    {
        ConformanceSuite.CheckScheduler("KeepBusy", () => new KeepBusyScheduler(3)).ThrowIfFailed();
        ConformanceSuite.CheckScheduler("Rounds", () => new RoundsScheduler(2)).ThrowIfFailed();
    }

    [Fact]
    public void OptionsAreValidatedWithEveryProblemAtOnce()
    {
        var e = Assert.Throws<ArgumentException>(() => ConformanceSuite.CheckScheduler("x", () => new KeepBusyScheduler(1), new SchedulerConformanceOptions { MaxTest = 0, MaxEvents = 3, MaxStaleness = -1 }));
        Assert.Contains("MaxTest", e.Message);
        Assert.Contains("MaxEvents", e.Message);
        Assert.Contains("MaxStaleness", e.Message);
        Assert.Throws<ArgumentException>(() => ConformanceSuite.CheckAggregator("x", m => new FedAsyncOptions().CreateAggregator(m), new AggregatorConformanceOptions { ConvexTolerance = double.NaN }));
    }
}
