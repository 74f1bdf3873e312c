using FsCheck;
using FsCheck.Fluent;

namespace AsyncFl.Testing;

/// <summary>
/// FsCheck arbitraries for federated learning that generate AND shrink: a failing property is reported with the
/// smallest fleet, update sequence, vector or run that still fails ("1 client", "3 submissions, staleness 2"), not
/// with the random one that first failed. Every generated case is small by construction (a handful of clients,
/// dimensions up to a few, event budgets in the hundreds) so that a property runs in milliseconds per case.
/// </summary>
/// <example>
/// <code>
/// Prop.ForAll(Arbitraries.Scenarios(), scenario =>
/// {
///     using var run = ScenarioRun.Start(scenario, new MyScheduler(), m => new FedBuffOptions().CreateAggregator(m), UpdatePayloadKind.ModelDelta);
///     return run.Invariants.ToProperty();
/// }).QuickCheckThrowOnFailure();
/// </code>
/// </example>
public static partial class Arbitraries
{
    private static readonly float[] ExtremeValues =
        [float.MaxValue, -float.MaxValue, 1e30f, -1e30f, 1e-30f, -1e-30f, float.Epsilon, -0f, 65504f];

    /// <summary>Device fleets of 1 … <paramref name="maxClients"/> clients: compute times, noise, dropout,
    /// availability, latency.</summary>
    /// <param name="maxClients">Largest fleet, ≥ 1.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<FleetSpec> Fleets(int maxClients = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClients, 1);
        return Arb.From(FleetGen(maxClients), ShrinkFleet);
    }

    /// <summary>Parameter vectors of length <paramref name="dimension"/>: mostly moderate values, some small integers
    /// and (when <paramref name="extremes"/>) some extreme finite values (±float.MaxValue, ±10³⁰, subnormals, −0).
    /// Shrink toward zeros.</summary>
    /// <param name="dimension">Length, ≥ 1.</param>
    /// <param name="extremes">Whether to include extreme finite values.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<float[]> Vectors(int dimension, bool extremes = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        return Arb.From(Gen.ArrayOf(ValueGen(extremes), dimension), ShrinkVector);
    }

    /// <summary>Valid client updates for a model of <paramref name="dimension"/> parameters (submissions of an
    /// <see cref="AggregatorScript"/>): any client, staleness 0 … 8, samples 1 … 64.</summary>
    /// <param name="dimension">The model's length, ≥ 1.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ScriptStep> Updates(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        return Arb.From(SubmitGen(dimension, hostileShare: 0, extremes: false), ShrinkStep);
    }

    /// <summary>Hostile client updates, one of every <see cref="HostileKind"/> in turn: each must be rejected.</summary>
    /// <param name="dimension">The model's length, ≥ 1.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ScriptStep> HostileUpdates(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var gen = from step in SubmitGen(dimension, hostileShare: 0, extremes: false)
                  from kind in Gen.Elements(Enum.GetValues<HostileKind>().Where(k => k != HostileKind.None).ToArray())
                  select step with { Hostility = kind };
        return Arb.From(gen, s => ShrinkStep(s).Where(x => x.Hostility != HostileKind.None));
    }

    /// <summary>
    /// Scripts of 1 … <paramref name="maxSteps"/> submissions and flushes for an aggregator taking
    /// <paramref name="kind"/> updates: dimension 1 … <paramref name="maxDimension"/>, staleness 0 … 8, one submission
    /// in five hostile, some extreme values.
    /// </summary>
    /// <param name="kind">The payload kind of the updates.</param>
    /// <param name="maxDimension">Largest dimension, ≥ 1.</param>
    /// <param name="maxSteps">Most steps, ≥ 1.</param>
    /// <param name="extremes">Whether values include extreme finite ones.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<AggregatorScript> AggregatorScripts(UpdatePayloadKind kind, int maxDimension = 4, int maxSteps = 16, bool extremes = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        var gen = from d in Gen.Choose(1, maxDimension)
                  from n in Gen.Choose(1, maxSteps)
                  from initial in Gen.ArrayOf(ValueGen(extremes: false), d)
                  from steps in Gen.ArrayOf(Gen.Frequency((8, SubmitGen(d, hostileShare: 0.2, extremes)), (1, Gen.Constant(ScriptStep.Flush))), n)
                  select new AggregatorScript(initial, kind, steps);
        return Arb.From(gen, ShrinkScript);
    }

    /// <summary>Staleness functions of every kind with parameters in the papers' ranges (polynomial a ∈ [0.1, 2],
    /// hinge a ∈ [0.5, 10] and b ∈ [0, 8], inverse β ∈ [0.01, 2], exponential λ ∈ [0.01, 1], threshold cut-off
    /// ∈ [0, 8] then [0, 1]). Shrink toward the constant.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<StalenessSpec> StalenessFunctions()
    {
        var gen = Gen.OneOf(
            Gen.Constant(new StalenessSpec(StalenessKind.Constant)),
            Range(0.1, 2).Select(a => new StalenessSpec(StalenessKind.Polynomial, a)),
            Gen.Constant(new StalenessSpec(StalenessKind.InverseSqrt)),
            from a in Range(0.5, 10) from b in Gen.Choose(0, 8) select new StalenessSpec(StalenessKind.Hinge, a, b),
            Range(0.01, 2).Select(b => new StalenessSpec(StalenessKind.Inverse, b)),
            Range(0.01, 1).Select(l => new StalenessSpec(StalenessKind.Exponential, l)),
            from v in Range(0, 1) from c in Gen.Choose(0, 8) select new StalenessSpec(StalenessKind.Threshold, v, c));
        return Arb.From(gen, ShrinkStaleness);
    }

    /// <summary>Learning-rate schedules of every kind: rates in [10⁻⁴, 1], concurrency 1 … 16, delay-aware α in
    /// [10⁻³, 1] and maximum delay in [1, 20]. Shrink toward a constant rate.</summary>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<LearningRateSpec> LearningRates()
    {
        var rate = Gen.Choose(-4000, 0).Select(e => Math.Pow(10, e / 1000.0));
        var gen = Gen.OneOf(
            rate.Select(r => new LearningRateSpec(LearningRateKind.Constant, r)),
            from r in rate from n in Gen.Choose(1, 16) select new LearningRateSpec(LearningRateKind.DelayAdaptive, r, n),
            from r in rate from a in Range(0.001, 1) from d in Range(1, 20) select new LearningRateSpec(LearningRateKind.DelayAware, r, 1, a, d));
        return Arb.From(gen, ShrinkLearningRate);
    }

    /// <summary>Scenarios: a fleet of 1 … <paramref name="maxClients"/> clients, dimension 1 … 4, any seed, an event
    /// budget of 20 … <paramref name="maxEvents"/>.</summary>
    /// <param name="maxClients">Largest fleet, ≥ 1.</param>
    /// <param name="maxEvents">Largest event budget, ≥ 20.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<Scenario> Scenarios(int maxClients = 8, long maxEvents = 300)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, 20);
        return Arb.From(ScenarioGen(maxClients, maxEvents), ShrinkScenario);
    }

    /// <summary>Whole runs of the built-in strategies (<see cref="RunConfiguration"/>) within the cost bound of
    /// <see cref="Scenarios"/>.</summary>
    /// <param name="maxClients">Largest fleet, ≥ 1.</param>
    /// <param name="maxEvents">Largest event budget, ≥ 20.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<RunConfiguration> Runs(int maxClients = 8, long maxEvents = 300)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEvents, 20);
        var gen = from scenario in ScenarioGen(maxClients, maxEvents)
                  from aggregator in Gen.Elements(Enum.GetValues<AggregatorChoice>())
                  from scheduler in Gen.Elements(Enum.GetValues<SchedulerChoice>())
                  from concurrency in Gen.Choose(1, scenario.Fleet.Clients)
                  from staleness in StalenessFunctions().Generator
                  select new RunConfiguration(scenario, aggregator, scheduler, concurrency, staleness);
        return Arb.From(gen, ShrinkRun);
    }

    /// <summary>Interleavings for a <see cref="ManualRunner"/>: 1 … <paramref name="maxSteps"/> deliveries, drops,
    /// clock advances and availability changes (half of them deliveries).</summary>
    /// <param name="maxSteps">Most steps, ≥ 1.</param>
    /// <returns>The arbitrary.</returns>
    public static Arbitrary<ManualStep[]> Interleavings(int maxSteps = 40)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSteps, 1);
        var index = Gen.Choose(0, 15);
        var step = Gen.Frequency(
            (6, index.Select(i => new ManualStep(ManualStepKind.Deliver, i))),
            (2, index.Select(i => new ManualStep(ManualStepKind.Drop, i))),
            (2, Gen.Choose(0, 40).Select(s => new ManualStep(ManualStepKind.Advance, 0, s / 4.0))),
            (1, index.Select(i => new ManualStep(ManualStepKind.GoOffline, i))),
            (1, index.Select(i => new ManualStep(ManualStepKind.GoOnline, i))));
        var gen = from n in Gen.Choose(1, maxSteps) from steps in Gen.ArrayOf(step, n) select steps;
        return Arb.From(gen, ShrinkInterleaving);
    }

    private static Gen<double> Range(double lo, double hi) => Gen.Choose(0, 1000).Select(i => lo + ((hi - lo) * i / 1000.0));

    private static Gen<float> ValueGen(bool extremes)
    {
        var moderate = Gen.Choose(-100_000, 100_000).Select(i => i / 1000f);
        var small = Gen.Choose(-3, 3).Select(i => (float)i);
        return extremes
            ? Gen.Frequency((14, moderate), (4, small), (2, Gen.Elements(ExtremeValues)))
            : Gen.Frequency((4, moderate), (1, small));
    }

    private static Gen<ScriptStep> SubmitGen(int dimension, double hostileShare, bool extremes)
    {
        var hostile = Gen.Elements(Enum.GetValues<HostileKind>().Where(k => k != HostileKind.None).ToArray());
        var hostility = hostileShare <= 0
            ? Gen.Constant(HostileKind.None)
            : Gen.Frequency(((int)Math.Round(100 * (1 - hostileShare)), Gen.Constant(HostileKind.None)), ((int)Math.Round(100 * hostileShare), hostile));
        return from client in Gen.Choose(0, 7)
               from staleness in Gen.Frequency((3, Gen.Constant(0)), (5, Gen.Choose(0, 8)))
               from values in Gen.ArrayOf(ValueGen(extremes), dimension)
               from samples in Gen.Choose(1, 64)
               from h in hostility
               select new ScriptStep(false, client, staleness, values, samples, h);
    }

    private static Gen<FleetSpec> FleetGen(int maxClients) =>
        from n in Gen.Choose(1, maxClients)
        from speeds in Gen.ArrayOf(Gen.Choose(1, 100).Select(i => i / 10.0), n)
        from noise in Gen.Frequency((1, Gen.Constant(0.0)), (1, Range(0.05, 2)))
        from dropout in Gen.Frequency((2, Gen.Constant(0.0)), (1, Range(0.01, 0.4)))
        from online in Gen.Frequency((3, Gen.Constant(1.0)), (1, Range(0.3, 0.95)))
        from period in Range(5, 100)
        from latency in Gen.Frequency((2, Gen.Constant(0.0)), (1, Range(0.01, 1)))
        select new FleetSpec(speeds, noise, dropout, online, period, latency);

    private static Gen<Scenario> ScenarioGen(int maxClients, long maxEvents) =>
        from fleet in FleetGen(maxClients)
        from d in Gen.Choose(1, 4)
        from seed in Gen.Choose(0, int.MaxValue)
        from events in Gen.Choose(20, (int)Math.Min(maxEvents, int.MaxValue))
        select new Scenario(fleet, d, seed, events);
}
