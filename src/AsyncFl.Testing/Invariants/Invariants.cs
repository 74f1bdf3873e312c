using System.Globalization;
using AsyncFl.Engine;

namespace AsyncFl.Testing;

/// <summary>
/// The invariant checkers: each returns an <see cref="InvariantResult"/> that a test asserts
/// (<see cref="InvariantResult.Assert"/>) or returns from an FsCheck property (<see cref="InvariantResult.ToProperty"/>).
/// The run checkers read what a <see cref="RecordingScheduler"/> recorded and the server's
/// <see cref="FederatedServer.GetAccounting"/>.
/// </summary>
public static class Invariants
{
    /// <summary>
    /// Exactly-once task accounting: every task the scheduler was told ended had been dispatched and was told once;
    /// every result was delivered once and decided (accepted or discarded) at most once; the server's counters balance
    /// (dispatched = ended + in flight, delivered = accepted + rejected + undecided) and agree with the record; after the
    /// stop nothing is in flight and every task not told was abandoned.
    /// </summary>
    /// <param name="trace">What the scheduler saw.</param>
    /// <param name="accounting">The server's counters (<see cref="FederatedServer.GetAccounting"/>).</param>
    /// <param name="stopped">Whether the run has stopped (then nothing may be in flight).</param>
    /// <returns>The verdict.</returns>
    public static InvariantResult ExactlyOnceAccounting(RecordingScheduler trace, TaskAccounting accounting, bool stopped = true)
    {
        ArgumentNullException.ThrowIfNull(trace);
        const string Name = "exactly-once task accounting";
        var twice = trace.EndsPerTask.Where(p => p.Value != 1).Select(p => p.Key).Take(5).ToList();
        if (twice.Count > 0)
        {
            return InvariantResult.Fail(Name, $"tasks told of their end more than once: {string.Join(", ", twice)}");
        }

        var unknown = trace.EndsPerTask.Keys.Where(id => !trace.Dispatched.Contains(id)).Take(5).ToList();
        if (unknown.Count > 0)
        {
            return InvariantResult.Fail(Name, $"tasks ended that were never dispatched: {string.Join(", ", unknown)}");
        }

        int distinctResults = trace.Results.Distinct().Count();
        if (distinctResults != trace.Results.Count)
        {
            return InvariantResult.Fail(Name, $"{trace.Results.Count - distinctResults} result(s) delivered more than once");
        }

        int distinctDecisions = trace.Decisions.Distinct().Count();
        if (distinctDecisions != trace.Decisions.Count)
        {
            return InvariantResult.Fail(Name, $"{trace.Decisions.Count - distinctDecisions} result(s) accepted or discarded more than once");
        }

        if (!accounting.IsBalanced)
        {
            return InvariantResult.Fail(Name, $"the server's counters do not balance: {accounting}");
        }

        if (stopped && accounting.InFlight != 0)
        {
            return InvariantResult.Fail(Name, $"{accounting.InFlight} task(s) still in flight after the stop");
        }

        if (accounting.Dispatched != trace.Dispatched.Count)
        {
            return InvariantResult.Fail(Name, $"the server counts {accounting.Dispatched} dispatches, the scheduler made {trace.Dispatched.Count}");
        }

        if (accounting.Ended - accounting.Abandoned != trace.EndsPerTask.Count)
        {
            return InvariantResult.Fail(
                Name,
                $"{accounting.Ended - accounting.Abandoned} task(s) ended before the stop, the scheduler was told of {trace.EndsPerTask.Count}");
        }

        return accounting.ResultsDelivered != trace.Results.Count
            ? InvariantResult.Fail(Name, $"the server counts {accounting.ResultsDelivered} results delivered, the scheduler saw {trace.Results.Count}")
            : InvariantResult.Pass(Name);
    }

    /// <summary>The model version never decreases across the scheduler's callbacks, accepts and flushes.</summary>
    /// <param name="trace">What the scheduler saw.</param>
    /// <returns>The verdict.</returns>
    public static InvariantResult VersionsNeverDecrease(RecordingScheduler trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return FirstDecrease(trace.Versions, "versions never decrease", v => v.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The clock never goes back across the scheduler's callbacks.</summary>
    /// <param name="trace">What the scheduler saw.</param>
    /// <returns>The verdict.</returns>
    public static InvariantResult ClockNeverGoesBack(RecordingScheduler trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        return FirstDecrease(trace.Times, "the clock never goes back", v => v.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Every accepted result's staleness is ≥ 0 and, when <paramref name="bound"/> is given, ≤ it.</summary>
    /// <param name="trace">What the scheduler saw.</param>
    /// <param name="bound">The largest staleness the strategy promises to accept, if any.</param>
    /// <returns>The verdict.</returns>
    public static InvariantResult StalenessWithinBounds(RecordingScheduler trace, long? bound = null)
    {
        ArgumentNullException.ThrowIfNull(trace);
        string name = bound is null ? "staleness ≥ 0" : $"0 ≤ staleness ≤ {bound}";
        for (int i = 0; i < trace.AcceptedStaleness.Count; i++)
        {
            long s = trace.AcceptedStaleness[i];
            if (s < 0 || (bound is not null && s > bound))
            {
                return InvariantResult.Fail(name, $"accepted result #{i} had staleness {s}");
            }
        }

        return InvariantResult.Pass(name);
    }

    /// <summary>Every parameter of the model is finite.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The verdict.</returns>
    public static InvariantResult ModelIsFinite(GlobalModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelIsFinite(model.Parameters.ToArray());
    }

    /// <summary>Every value is finite.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The verdict.</returns>
    public static InvariantResult ModelIsFinite(ReadOnlySpan<float> parameters)
    {
        const string Name = "the model stays finite";
        for (int j = 0; j < parameters.Length; j++)
        {
            if (!float.IsFinite(parameters[j]))
            {
                return InvariantResult.Fail(Name, $"parameter {j} is {parameters[j].ToString(CultureInfo.InvariantCulture)}");
            }
        }

        return InvariantResult.Pass(Name);
    }

    /// <summary>
    /// A mix is a convex combination of its inputs: every coordinate of <paramref name="result"/> lies between the
    /// smallest and the largest of that coordinate over <paramref name="inputs"/> (the model before the mix and the
    /// models mixed into it), up to <paramref name="relativeTolerance"/> of the coordinate's range of magnitudes
    /// (float rounding).
    /// </summary>
    /// <param name="result">The model after the mix.</param>
    /// <param name="inputs">The model before and every model mixed in, each of the same length.</param>
    /// <param name="relativeTolerance">Slack relative to the largest magnitude of the coordinate, ≥ 0.</param>
    /// <returns>The verdict.</returns>
    public static InvariantResult IsConvexCombination(ReadOnlySpan<float> result, IReadOnlyList<float[]> inputs, double relativeTolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfNegative(relativeTolerance);
        const string Name = "a mix is a convex combination of its inputs";
        if (inputs.Count == 0)
        {
            return InvariantResult.Fail(Name, "no inputs");
        }

        for (int j = 0; j < result.Length; j++)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            foreach (float[] input in inputs)
            {
                if (input.Length != result.Length)
                {
                    return InvariantResult.Fail(Name, $"an input has {input.Length} coordinates, the result {result.Length}");
                }

                lo = Math.Min(lo, input[j]);
                hi = Math.Max(hi, input[j]);
            }

            double slack = relativeTolerance * Math.Max(Math.Abs(lo), Math.Abs(hi));
            double v = result[j];
            if (!(v >= lo - slack && v <= hi + slack))
            {
                return InvariantResult.Fail(
                    Name,
                    string.Create(CultureInfo.InvariantCulture, $"coordinate {j} is {v:R}, outside the inputs' range [{lo:R}, {hi:R}]"));
            }
        }

        return InvariantResult.Pass(Name);
    }

    /// <summary>A rejected update leaves the model bit-identical and its version unchanged.</summary>
    /// <param name="outcome">The aggregator's answer.</param>
    /// <param name="before">The parameters before the submission.</param>
    /// <param name="versionBefore">The version before the submission.</param>
    /// <param name="model">The model after the submission.</param>
    /// <returns>The verdict (holds trivially when the update was not rejected).</returns>
    public static InvariantResult RejectionLeavesModelUnchanged(AggregationOutcome outcome, ReadOnlySpan<float> before, ModelVersion versionBefore, GlobalModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        const string Name = "a rejected update leaves the model bit-identical";
        if (outcome.Reason == RejectionReason.None)
        {
            return InvariantResult.Pass(Name);
        }

        if (model.Version != versionBefore)
        {
            return InvariantResult.Fail(Name, $"rejected ({outcome.Reason}) but the version moved from {versionBefore} to {model.Version}");
        }

        float[] after = model.Parameters.ToArray();
        int changed = FirstBitDifference(before, after);
        if (changed < 0)
        {
            return InvariantResult.Pass(Name);
        }

        return changed >= Math.Min(before.Length, after.Length)
            ? InvariantResult.Fail(Name, $"rejected ({outcome.Reason}) but the model's length changed from {before.Length} to {after.Length}")
            : InvariantResult.Fail(Name, string.Create(
                CultureInfo.InvariantCulture,
                $"rejected ({outcome.Reason}) but parameter {changed} changed from {before[changed]:R} to {after[changed]:R}"));
    }

    /// <summary>The same seed gives a bit-identical run: <paramref name="run"/> twice with <paramref name="seed"/>.</summary>
    /// <param name="run">Builds and runs the whole experiment from a seed.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The verdict.</returns>
    public static InvariantResult ReplayIsBitIdentical(Func<long, RunFingerprint> run, long seed)
    {
        ArgumentNullException.ThrowIfNull(run);
        const string Name = "the same seed gives a bit-identical replay";
        var first = run(seed);
        var second = run(seed);
        return first == second ? InvariantResult.Pass(Name) : InvariantResult.Fail(Name, $"first {first}, then {second}");
    }

    /// <summary>Different seeds give different traces (for an experiment with randomness in it).</summary>
    /// <param name="run">Builds and runs the whole experiment from a seed.</param>
    /// <param name="seed">One seed.</param>
    /// <param name="otherSeed">Another seed.</param>
    /// <returns>The verdict.</returns>
    public static InvariantResult SeedsGiveDifferentTraces(Func<long, RunFingerprint> run, long seed, long otherSeed)
    {
        ArgumentNullException.ThrowIfNull(run);
        string name = "different seeds give different traces";
        if (seed == otherSeed)
        {
            throw new ArgumentException("The two seeds must differ.", nameof(otherSeed));
        }

        var first = run(seed);
        var second = run(otherSeed);
        return first.TraceHash != second.TraceHash || first.ModelHash != second.ModelHash
            ? InvariantResult.Pass(name)
            : InvariantResult.Fail(name, $"seeds {seed} and {otherSeed} both gave {first}");
    }

    /// <summary>
    /// Convergence under bounded staleness: after <paramref name="acceptedUpdates"/> accepted updates the loss is
    /// within <paramref name="bound"/> (<see cref="QuadraticConvergenceBound.Factor"/> × the initial loss, with a
    /// float-rounding allowance of 10⁻⁶ per update).
    /// </summary>
    /// <param name="initialLoss">f(x₀) − f*.</param>
    /// <param name="finalLoss">f(x_T) − f*.</param>
    /// <param name="acceptedUpdates">T, the updates applied.</param>
    /// <param name="bound">The bound.</param>
    /// <returns>The verdict.</returns>
    public static InvariantResult WithinConvergenceBound(double initialLoss, double finalLoss, long acceptedUpdates, QuadraticConvergenceBound bound)
    {
        ArgumentNullException.ThrowIfNull(bound);
        ArgumentOutOfRangeException.ThrowIfNegative(acceptedUpdates);
        string name = "f(x_T) − f* ≤ " + bound.Describe(acceptedUpdates);
        double limit = (bound.Factor(acceptedUpdates) * initialLoss * (1 + (1e-6 * acceptedUpdates))) + 1e-30;
        return finalLoss <= limit
            ? InvariantResult.Pass(name)
            : InvariantResult.Fail(name, string.Create(
                CultureInfo.InvariantCulture,
                $"after {acceptedUpdates} updates f − f* = {finalLoss:G6}, the bound allows {limit:G6} (f₀ − f* = {initialLoss:G6})"));
    }

    /// <summary>The run checks together: exactly-once accounting, versions, clock, staleness ≥ 0 and a finite model.</summary>
    /// <param name="trace">What the scheduler saw.</param>
    /// <param name="server">The server after the run stopped.</param>
    /// <returns>The combined verdict.</returns>
    public static InvariantResult OfRun(RecordingScheduler trace, FederatedServer server)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentNullException.ThrowIfNull(server);
        return InvariantResult.All(
            ExactlyOnceAccounting(trace, server.GetAccounting(), server.IsStopped),
            VersionsNeverDecrease(trace),
            ClockNeverGoesBack(trace),
            StalenessWithinBounds(trace),
            ModelIsFinite(server.Model));
    }

    private static InvariantResult FirstDecrease<T>(IReadOnlyList<T> values, string name, Func<T, string> format)
        where T : IComparable<T>
    {
        for (int i = 1; i < values.Count; i++)
        {
            if (values[i].CompareTo(values[i - 1]) < 0)
            {
                return InvariantResult.Fail(name, $"went from {format(values[i - 1])} to {format(values[i])} (entry {i})");
            }
        }

        return InvariantResult.Pass(name);
    }

    /// <summary>The first index where the two differ bit for bit (−0 ≠ 0, NaN payloads count), or −1 when identical.</summary>
    internal static int FirstBitDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int j = 0; j < n; j++)
        {
            if (BitConverter.SingleToInt32Bits(a[j]) != BitConverter.SingleToInt32Bits(b[j]))
            {
                return j;
            }
        }

        return a.Length == b.Length ? -1 : n;
    }
}
