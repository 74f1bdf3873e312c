using AsyncFl.Aggregators;
using AsyncFl.Engine;

namespace AsyncFl.Testing;

/// <summary>
/// The one-line way to put your own aggregator or scheduler through every property of this package: generated
/// update scripts (hostile ones included) for an aggregator; generated fleets, seeds and manual-clock interleavings for
/// a scheduler. Each property is checked by FsCheck and a failure comes back shrunk to a minimal counterexample.
/// </summary>
/// <example>
/// <code>
/// ConformanceSuite.CheckAggregator("ServerMomentum", m => new ServerMomentumOptions().CreateAggregator(m)).ThrowIfFailed();
/// ConformanceSuite.CheckScheduler("MyScheduler", () => new MyScheduler()).ThrowIfFailed();
/// </code>
/// </example>
public static class ConformanceSuite
{
    /// <summary>The seed the suite uses when the options name none: the same cases on every run, so a CI failure
    /// replays on a laptop.</summary>
    public const ulong DefaultSeed = 0x5EED_A5F1;

    private static readonly Scenario ManualScenario = new(new FleetSpec([1.0, 1.0, 1.0]), 2, 1, 1000);

    /// <summary>Puts an aggregator through the aggregator properties.</summary>
    /// <param name="subject">A name for the report.</param>
    /// <param name="createAggregator">Creates a fresh aggregator for a model (called once per generated case).</param>
    /// <param name="options">Expectations and effort (null: defaults).</param>
    /// <returns>The report (call <see cref="ConformanceReport.ThrowIfFailed"/> in a test).</returns>
    public static ConformanceReport CheckAggregator(string subject, Func<GlobalModel, IAggregator> createAggregator, AggregatorConformanceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(createAggregator);
        options ??= new AggregatorConformanceOptions();
        options.Validate();
        ulong seed = options.Seed ?? DefaultSeed;
        var scripts = Arbitraries.AggregatorScripts(options.PayloadKind, options.MaxDimension, options.MaxSteps);
        var calm = Arbitraries.AggregatorScripts(options.PayloadKind, options.MaxDimension, options.MaxSteps, extremes: false);
        var properties = new (string Name, Func<ConformanceFailure?> Run)[]
        {
            ("every step keeps the aggregator invariants", () => PropertyRunner.Run("aggregator invariants", scripts, s => s.Check(createAggregator, options), options.MaxTest, seed)),
            ("the same updates give a bit-identical model", () => PropertyRunner.Run("determinism", calm, s => s.CheckDeterministic(createAggregator), Math.Max(1, options.MaxTest / 3), seed + 1)),
        };
        return Report(subject, properties);
    }

    /// <summary>Puts a scheduler through the scheduler properties, run with the partner aggregator of
    /// <paramref name="options"/> on a <see cref="QuadraticWorkload"/>.</summary>
    /// <param name="subject">A name for the report.</param>
    /// <param name="createScheduler">Creates a fresh scheduler (called once per run).</param>
    /// <param name="options">Partner, expectations and effort (null: defaults).</param>
    /// <returns>The report (call <see cref="ConformanceReport.ThrowIfFailed"/> in a test).</returns>
    public static ConformanceReport CheckScheduler(string subject, Func<IScheduler> createScheduler, SchedulerConformanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(createScheduler);
        return CheckFleetAwareScheduler(subject, _ => createScheduler(), options);
    }

    /// <summary>Puts a scheduler that must know the fleet (compute times, budgets) through the scheduler properties:
    /// the factory receives each generated <see cref="Scenario"/> (the manual-clock property passes 3 clients of
    /// 1 s per step).</summary>
    /// <param name="subject">A name for the report.</param>
    /// <param name="createScheduler">Creates a fresh scheduler for a scenario (called once per run).</param>
    /// <param name="options">Partner, expectations and effort (null: defaults).</param>
    /// <returns>The report (call <see cref="ConformanceReport.ThrowIfFailed"/> in a test).</returns>
    public static ConformanceReport CheckFleetAwareScheduler(string subject, Func<Scenario, IScheduler> createScheduler, SchedulerConformanceOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(createScheduler);
        options ??= new SchedulerConformanceOptions();
        options.Validate();
        ulong seed = options.Seed ?? DefaultSeed;
        var partner = options.Aggregator ?? (m => new SgdAggregatorOptions { LearningRate = 0.1 }.CreateAggregator(m));
        var scenarios = Arbitraries.Scenarios(options.MaxClients, options.MaxEvents);
        var noisy = FsCheck.Fluent.Arb.Convert(
            scenarios,
            (Scenario s) => s with { Fleet = s.Fleet with { NoiseMean = Math.Max(0.1, s.Fleet.NoiseMean) } },
            (Scenario s) => s);
        int fewer = Math.Max(1, options.MaxTest / 3);
        var properties = new (string Name, Func<ConformanceFailure?> Run)[]
        {
            ("runs keep the engine invariants and make progress", () => PropertyRunner.Run("run invariants", scenarios, s => RunInvariants(s, createScheduler, partner, options), options.MaxTest, seed)),
            ("the same seed gives a bit-identical replay", () => PropertyRunner.Run("replay", scenarios, s => Invariants.ReplayIsBitIdentical(seedOf => Fingerprint(s with { Seed = seedOf }, createScheduler, partner, options), s.Seed), fewer, seed + 1)),
            ("different seeds give different traces", () => PropertyRunner.Run("seeds", noisy, s => Invariants.SeedsGiveDifferentTraces(seedOf => Fingerprint(s with { Seed = seedOf }, createScheduler, partner, options), s.Seed, s.Seed + 1), fewer, seed + 2)),
            ("every manual-clock interleaving keeps exactly-once accounting", () => PropertyRunner.Run("interleavings", Arbitraries.Interleavings(), steps => ManualInvariants(steps, createScheduler, partner, options), options.MaxTest, seed + 3)),
        };
        return Report(subject, properties);
    }

    /// <summary>The run property on one scenario: <see cref="Invariants.OfRun"/>, the promised staleness bound and
    /// progress (the run stops on its budget, not idle).</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="createScheduler">Creates the scheduler.</param>
    /// <param name="partner">Creates the aggregator.</param>
    /// <param name="options">Expectations.</param>
    /// <returns>The verdict.</returns>
    public static InvariantResult RunInvariants(Scenario scenario, Func<Scenario, IScheduler> createScheduler, Func<GlobalModel, IAggregator> partner, SchedulerConformanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(createScheduler);
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(options);
        using var run = ScenarioRun.Start(scenario, createScheduler(scenario), partner, options.PayloadKind);
        var progress = options.AllowIdleStop || run.Result.Reason != StopReason.Idle
            ? InvariantResult.Pass("the run makes progress")
            : InvariantResult.Fail(
                "the run makes progress",
                $"the run went idle at t = {run.Result.ElapsedSeconds:G6} s after {run.Result.Events} events with nothing in flight and no timer set");
        return InvariantResult.All(run.Invariants, Invariants.StalenessWithinBounds(run.Trace, options.MaxStaleness), progress);
    }

    /// <summary>The manual-clock property on one interleaving (3 clients): after the steps and the stop, every task
    /// ended exactly once, was released, and versions never decreased.</summary>
    /// <param name="steps">The interleaving.</param>
    /// <param name="createScheduler">Creates the scheduler.</param>
    /// <param name="partner">Creates the aggregator.</param>
    /// <param name="options">Expectations.</param>
    /// <returns>The verdict.</returns>
    public static InvariantResult ManualInvariants(IReadOnlyList<ManualStep> steps, Func<Scenario, IScheduler> createScheduler, Func<GlobalModel, IAggregator> partner, SchedulerConformanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(createScheduler);
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(options);
        var workload = new QuadraticWorkload(2, options.PayloadKind);
        var trace = new RecordingScheduler(createScheduler(ManualScenario));
        using var server = new FederatedServerBuilder()
            .WithInitialModel(workload.InitialPoint())
            .UseAggregator(partner)
            .UseScheduler(trace)
            .UseWorkload(workload)
            .WithSeed(1)
            .Build();
        var runner = new ManualRunner(3);
        runner.Attach(server);
        runner.Start();
        foreach (var step in steps)
        {
            runner.Apply(step);
        }

        runner.Stop();
        var released = runner.Running.Count == 0
            ? InvariantResult.Pass("every task is released")
            : InvariantResult.Fail("every task is released", $"{runner.Running.Count} task(s) still held after the stop");
        return InvariantResult.All(
            Invariants.ExactlyOnceAccounting(trace, server.GetAccounting()),
            Invariants.VersionsNeverDecrease(trace),
            Invariants.ModelIsFinite(server.Model),
            released);
    }

    private static RunFingerprint Fingerprint(Scenario scenario, Func<Scenario, IScheduler> createScheduler, Func<GlobalModel, IAggregator> partner, SchedulerConformanceOptions options)
    {
        using var run = ScenarioRun.Start(scenario, createScheduler(scenario), partner, options.PayloadKind);
        return run.Fingerprint;
    }

    private static ConformanceReport Report(string subject, (string Name, Func<ConformanceFailure?> Run)[] properties)
    {
        var failures = new List<ConformanceFailure>();
        foreach (var (name, run) in properties)
        {
            if (run() is { } failure)
            {
                failures.Add(failure with { Property = name });
            }
        }

        return new ConformanceReport(subject, properties.Select(p => p.Name).ToArray(), failures);
    }
}
