using System.Globalization;
using AsyncFl.Backends;

namespace AsyncFl.Testing;

/// <summary>
/// A generated sequence of submissions and flushes to run against an aggregator, starting from a given model. Running
/// it (<see cref="Check"/>) checks after every step that a rejected update left the model bit-identical, that the
/// model changed only with a version bump and stayed finite, that versions never decreased and advanced by at most one
/// per call (and the counters saw every server step), that every hostile update
/// was rejected, that accepted staleness is ≥ 0, that the counters count every submission exactly once, and (for a
/// mixing aggregator) that every new model is a convex combination of the previous one and the models mixed in.
/// </summary>
/// <param name="Initial">The starting model (its length is the dimension).</param>
/// <param name="Kind">The payload kind of the updates (an aggregator that does not support it gets its first
/// supported kind, in the order weights, delta, pseudo-gradient, gradient).</param>
/// <param name="Steps">The steps.</param>
public sealed record AggregatorScript(float[] Initial, UpdatePayloadKind Kind, IReadOnlyList<ScriptStep> Steps)
{
    private static readonly UpdatePayloadKind[] KindOrder =
        [UpdatePayloadKind.Weights, UpdatePayloadKind.ModelDelta, UpdatePayloadKind.PseudoGradient, UpdatePayloadKind.Gradient];

    /// <summary>Number of parameters.</summary>
    public int Dimension => Initial.Length;

    /// <summary>Number of submissions (flushes not counted).</summary>
    public int Submissions => Steps.Count(s => !s.IsFlush);

    /// <summary>The largest staleness a submission asks for.</summary>
    public long MaxStaleness => Steps.Where(s => !s.IsFlush).Select(s => s.Staleness).DefaultIfEmpty(0).Max();

    /// <summary>Runs the script on a fresh aggregator and checks every step.</summary>
    /// <param name="createAggregator">Creates the aggregator under test for a model.</param>
    /// <param name="options">What to expect of it (null: defaults).</param>
    /// <returns>The verdict, naming the first step that broke an invariant.</returns>
    public InvariantResult Check(Func<GlobalModel, IAggregator> createAggregator, AggregatorConformanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(createAggregator);
        options ??= new AggregatorConformanceOptions();
        return Execute(createAggregator, options, out _);
    }

    /// <summary>Runs the script twice on fresh aggregators and checks that both runs end bit-identical.</summary>
    /// <param name="createAggregator">Creates the aggregator under test for a model.</param>
    /// <returns>The verdict.</returns>
    public InvariantResult CheckDeterministic(Func<GlobalModel, IAggregator> createAggregator)
    {
        ArgumentNullException.ThrowIfNull(createAggregator);
        const string Name = "the same updates give a bit-identical model";
        var options = new AggregatorConformanceOptions();
        Execute(createAggregator, options, out string first);
        Execute(createAggregator, options, out string second);
        return first == second ? InvariantResult.Pass(Name) : InvariantResult.Fail(Name, $"first run {first}, second run {second}");
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        string initial = string.Join(", ", Initial.Select(v => v.ToString("R", c)));
        return $"{Submissions} submission(s) of {Kind}, d = {Dimension}, max staleness {MaxStaleness}, from [{initial}]: "
            + string.Join("; ", Steps);
    }

    private InvariantResult Execute(Func<GlobalModel, IAggregator> createAggregator, AggregatorConformanceOptions options, out string fingerprint)
    {
        fingerprint = "";
        using var model = GlobalModel.Create(CpuParameterBackend.Instance, Initial);
        using var aggregator = createAggregator(model);
        if (aggregator is null || !ReferenceEquals(aggregator.Model, model))
        {
            return InvariantResult.Fail("the aggregator works on the model it was given", "the factory returned null or an aggregator of another model");
        }

        UpdatePayloadKind kind = aggregator.SupportsPayloadKind(Kind) ? Kind : KindOrder.FirstOrDefault(aggregator.SupportsPayloadKind, (UpdatePayloadKind)(-1));
        if ((int)kind < 0)
        {
            return InvariantResult.Fail("the aggregator supports a payload kind", "it supports none");
        }

        UpdatePayloadKind? unsupported = KindOrder.Where(k => !aggregator.SupportsPayloadKind(k)).Select(k => (UpdatePayloadKind?)k).FirstOrDefault();
        long initialVersion = model.Version.Value;
        var hull = new List<float[]> { (float[])Initial.Clone() };
        var outcomes = new List<string>();
        long nextId = 0, lastAcceptedId = -1, submissions = 0, refusedFlushes = 0;
        for (int i = 0; i < Steps.Count; i++)
        {
            ScriptStep step = Steps[i];
            float[] before = model.Parameters.ToArray();
            ModelVersion versionBefore = model.Version;
            AggregationOutcome outcome;
            string where = $"step {i} ({step})";
            if (step.IsFlush)
            {
                outcome = aggregator.Flush(FlushOptions.Default);
                refusedFlushes += outcome.Reason == RejectionReason.NonFiniteResult ? 1 : 0;
            }
            else
            {
                var update = CreateUpdate(step, model, kind, unsupported, ref nextId, lastAcceptedId);
                outcome = aggregator.Submit(update, SubmitOptions.Default);
                submissions++;
                bool mustReject = step.Hostility switch
                {
                    HostileKind.None => false,
                    HostileKind.Duplicate => lastAcceptedId >= 0 && options.ExpectDuplicateRejection,
                    HostileKind.UnsupportedKind => unsupported is not null,
                    _ => true,
                };
                if (mustReject && outcome.Reason == RejectionReason.None)
                {
                    return InvariantResult.Fail("every hostile update is rejected", $"{where} was {outcome.Disposition}");
                }

                if (outcome.Accepted)
                {
                    lastAcceptedId = update.UpdateId;
                    if (outcome.Staleness < 0)
                    {
                        return InvariantResult.Fail("staleness ≥ 0", $"{where} was accepted with staleness {outcome.Staleness}");
                    }

                    if (options.ConvexMix)
                    {
                        hull.Add(update.Payload.ToArray());
                    }
                }

                update.Payload.Dispose();
            }

            outcomes.Add(outcome.Disposition + "/" + outcome.Reason);
            var verdict = StepInvariants(outcome, before, versionBefore, model, options, hull);
            if (!verdict.Holds)
            {
                return InvariantResult.Fail(verdict.Invariant, $"{where}: {verdict.Detail}");
            }
        }

        var counters = aggregator.Counters;
        long counted = counters.Applied + counters.Buffered + counters.RejectedTotal;
        if (counted != submissions + refusedFlushes)
        {
            return InvariantResult.Fail(
                "every submission is counted exactly once",
                $"{submissions} submission(s) and {refusedFlushes} refused flush(es), but applied {counters.Applied} + buffered {counters.Buffered} + rejected {counters.RejectedTotal} = {counted}");
        }

        long steps = model.Version.Value - initialVersion;
        if (counters.ServerSteps != steps)
        {
            return InvariantResult.Fail("every server step is counted once", $"the version advanced {steps} time(s), the counters show {counters.ServerSteps} server step(s)");
        }

        float[] final = model.Parameters.ToArray();
        fingerprint = $"version {model.Version}, [{string.Join(", ", final.Select(v => BitConverter.SingleToInt32Bits(v).ToString("X8", CultureInfo.InvariantCulture)))}], {string.Join(" ", outcomes)}";
        return InvariantResult.Pass("aggregator script invariants");
    }

    private static InvariantResult StepInvariants(
        AggregationOutcome outcome, float[] before, ModelVersion versionBefore, GlobalModel model, AggregatorConformanceOptions options, List<float[]> hull)
    {
        var rejected = Invariants.RejectionLeavesModelUnchanged(outcome, before, versionBefore, model);
        if (!rejected.Holds)
        {
            return rejected;
        }

        if (model.Version < versionBefore)
        {
            return InvariantResult.Fail("versions never decrease", $"the version went from {versionBefore} to {model.Version}");
        }

        if (model.Version.Value - versionBefore.Value > 1)
        {
            return InvariantResult.Fail("one submission or flush makes at most one server step", $"the version went from {versionBefore} to {model.Version}");
        }

        float[] after = model.Parameters.ToArray();
        if (model.Version == versionBefore)
        {
            return Invariants.FirstBitDifference(before, after) < 0
                ? InvariantResult.Pass("the model changes only with a version bump")
                : InvariantResult.Fail("the model changes only with a version bump", $"the parameters changed at version {model.Version}");
        }

        var finite = Invariants.ModelIsFinite(after);
        if (!finite.Holds)
        {
            return finite;
        }

        if (options.ConvexMix)
        {
            var convex = Invariants.IsConvexCombination(after, hull, options.ConvexTolerance);
            if (!convex.Holds)
            {
                return convex;
            }

            hull.Clear();
            hull.Add(after);
        }

        return InvariantResult.Pass("step invariants");
    }

    private ClientUpdate CreateUpdate(ScriptStep step, GlobalModel model, UpdatePayloadKind kind, UpdatePayloadKind? unsupported, ref long nextId, long lastAcceptedId)
    {
        int length = step.Hostility == HostileKind.LengthMismatch ? Dimension + 1 : Dimension;
        var values = new float[length];
        step.Values.AsSpan(0, Math.Min(step.Values.Length, Dimension)).CopyTo(values);
        if (step.Hostility == HostileKind.NaN)
        {
            values[^1] = float.NaN;
        }
        else if (step.Hostility == HostileKind.Infinity)
        {
            values[0] = float.PositiveInfinity;
        }

        var payload = model.Backend.Allocate(length);
        payload.CopyFrom(values);
        long version = model.Version.Value;
        return new ClientUpdate(payload)
        {
            ClientId = step.Client,
            Kind = step.Hostility == HostileKind.UnsupportedKind && unsupported is not null ? unsupported.Value : kind,
            BaseVersion = step.Hostility == HostileKind.FutureVersion ? version + 1 : Math.Max(0, version - step.Staleness),
            SampleCount = step.Hostility == HostileKind.NonPositiveSampleCount ? 0 : Math.Max(1, step.Samples),
            UpdateId = step.Hostility == HostileKind.Duplicate && lastAcceptedId >= 0 ? lastAcceptedId : nextId++,
            LocalSteps = 1,
        };
    }
}
