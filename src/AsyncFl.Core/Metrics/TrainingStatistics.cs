using System.Globalization;
using System.Text;

namespace AsyncFl.Metrics;

/// <summary>
/// A snapshot of a run's training statistics (the numbers behind <c>get_training_stats()</c>): task and update
/// counts, exact client-latency percentiles, dropout rate, staleness histogram, participation per client, updates
/// per second. Immutable; <see cref="Format"/> prints a readable table. See <c>docs/statistics.md</c>.
/// </summary>
public sealed class TrainingStatistics
{
    private readonly double[] _sortedLatencies;
    private readonly long[] _stalenessHistogram;
    private readonly int[] _participation;

    internal TrainingStatistics(
        double elapsedSeconds,
        ModelVersion version,
        long tasksDispatched,
        long tasksCompleted,
        long tasksCancelled,
        long tasksTimedOut,
        long tasksDropped,
        long tasksAbandoned,
        int tasksInFlight,
        long resultsDelivered,
        long applied,
        long buffered,
        IReadOnlyDictionary<RejectionReason, long> rejectedByReason,
        long undecided,
        long serverSteps,
        long rounds,
        double meanRoundTime,
        double meanStepInterval,
        double[] sortedLatencies,
        double meanLatency,
        long[] stalenessHistogram,
        int[] participation)
    {
        ElapsedSeconds = elapsedSeconds;
        Version = version;
        TasksDispatched = tasksDispatched;
        TasksCompleted = tasksCompleted;
        TasksCancelled = tasksCancelled;
        TasksTimedOut = tasksTimedOut;
        TasksDropped = tasksDropped;
        TasksAbandoned = tasksAbandoned;
        TasksInFlight = tasksInFlight;
        ResultsDelivered = resultsDelivered;
        Applied = applied;
        Buffered = buffered;
        RejectedByReason = rejectedByReason;
        Undecided = undecided;
        ServerSteps = serverSteps;
        Rounds = rounds;
        MeanRoundTime = meanRoundTime;
        MeanStepInterval = meanStepInterval;
        MeanClientLatency = meanLatency;
        _sortedLatencies = sortedLatencies;
        _stalenessHistogram = stalenessHistogram;
        _participation = participation;
        long rejected = 0;
        foreach (var kv in rejectedByReason)
        {
            rejected += kv.Value;
        }

        Rejected = rejected;
    }

    /// <summary>Seconds on the run's clock (virtual or real) when the snapshot was taken.</summary>
    public double ElapsedSeconds { get; }

    /// <summary>The model version at the snapshot.</summary>
    public ModelVersion Version { get; }

    /// <summary>Tasks dispatched.</summary>
    public long TasksDispatched { get; }

    /// <summary>Tasks whose results all arrived.</summary>
    public long TasksCompleted { get; }

    /// <summary>Tasks cancelled by the scheduler.</summary>
    public long TasksCancelled { get; }

    /// <summary>Tasks that ran past their time limit.</summary>
    public long TasksTimedOut { get; }

    /// <summary>Tasks whose client failed or went offline mid-task.</summary>
    public long TasksDropped { get; }

    /// <summary>Tasks in flight when training stopped.</summary>
    public long TasksAbandoned { get; }

    /// <summary>Tasks in flight at the snapshot.</summary>
    public int TasksInFlight { get; }

    /// <summary>Results (uploads) delivered to the scheduler.</summary>
    public long ResultsDelivered { get; }

    /// <summary>Results the aggregator applied at once.</summary>
    public long Applied { get; }

    /// <summary>Results the aggregator buffered.</summary>
    public long Buffered { get; }

    /// <summary>Results rejected (by the aggregator) or discarded (by the scheduler), all reasons.</summary>
    public long Rejected { get; }

    /// <summary>Rejected or discarded results per reason (reasons with a zero count are absent).</summary>
    public IReadOnlyDictionary<RejectionReason, long> RejectedByReason { get; }

    /// <summary>Results the scheduler left undecided (the engine discarded them; included in <see cref="Rejected"/>).</summary>
    public long Undecided { get; }

    /// <summary>Server steps (model version increments).</summary>
    public long ServerSteps { get; }

    /// <summary>Flushes that changed the model (synchronous rounds, buffered steps triggered by a scheduler).</summary>
    public long Rounds { get; }

    /// <summary>Mean seconds between flushes that changed the model (the first counted from the start); NaN without rounds.</summary>
    public double MeanRoundTime { get; }

    /// <summary>Mean seconds between server steps (the first counted from the start); NaN without steps.</summary>
    public double MeanStepInterval { get; }

    /// <summary>Mean client latency (dispatch to last result) over completed tasks; NaN without any.</summary>
    public double MeanClientLatency { get; }

    /// <summary>Exact median client latency (seconds) over completed tasks; NaN without any.</summary>
    public double P50ClientLatency => LatencyPercentile(0.50);

    /// <summary>Exact 90th-percentile client latency (seconds); NaN without completed tasks.</summary>
    public double P90ClientLatency => LatencyPercentile(0.90);

    /// <summary>Exact 99th-percentile client latency (seconds); NaN without completed tasks.</summary>
    public double P99ClientLatency => LatencyPercentile(0.99);

    /// <summary>
    /// Dropped ÷ (completed + dropped + timed out): the fraction of tasks that reached an outcome of the client's
    /// own and failed. Cancelled and abandoned tasks are censored (excluded). NaN when nothing ended.
    /// </summary>
    public double DropoutRate
    {
        get
        {
            long denominator = TasksCompleted + TasksDropped + TasksTimedOut;
            return denominator == 0 ? double.NaN : (double)TasksDropped / denominator;
        }
    }

    /// <summary>Accepted updates (applied + buffered) per second of the run's clock; NaN at time 0.</summary>
    public double UpdatesPerSecond => ElapsedSeconds > 0 ? (Applied + Buffered) / ElapsedSeconds : double.NaN;

    /// <summary>Server steps per second of the run's clock; NaN at time 0.</summary>
    public double StepsPerSecond => ElapsedSeconds > 0 ? ServerSteps / ElapsedSeconds : double.NaN;

    /// <summary>Counts of accepted updates per staleness value: element <c>s</c> counts updates with staleness <c>s</c>.</summary>
    public IReadOnlyList<long> StalenessHistogram => _stalenessHistogram;

    /// <summary>Accepted updates (applied or buffered) per client id.</summary>
    public IReadOnlyList<int> Participation => _participation;

    /// <summary>Number of clients with at least one accepted update.</summary>
    public int ParticipatingClients => _participation.Count(static c => c > 0);

    /// <summary>Mean staleness of accepted updates; NaN without any.</summary>
    public double MeanStaleness
    {
        get
        {
            long n = 0;
            double sum = 0;
            for (int s = 0; s < _stalenessHistogram.Length; s++)
            {
                n += _stalenessHistogram[s];
                sum += (double)s * _stalenessHistogram[s];
            }

            return n == 0 ? double.NaN : sum / n;
        }
    }

    /// <summary>
    /// The exact <paramref name="p"/>-quantile of the recorded client latencies (nearest rank: the smallest value
    /// with at least <c>p·n</c> values at or below it); NaN without completed tasks.
    /// </summary>
    /// <param name="p">The probability, in [0, 1].</param>
    public double LatencyPercentile(double p)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The percentile must be in [0, 1].");
        }

        int n = _sortedLatencies.Length;
        if (n == 0)
        {
            return double.NaN;
        }

        // ⌈p·n⌉ with a 1e−12 relative tolerance, so that a product that should be an integer k but rounds to k(1+ε)
        // (0.07·100 = 7.000000000000001) still gives rank k
        double x = p * n;
        int rank = (int)Math.Ceiling(x - (Math.Max(1.0, x) * 1e-12));
        return _sortedLatencies[Math.Clamp(rank - 1, 0, n - 1)];
    }

    /// <summary>A readable multi-line table of the statistics.</summary>
    public string Format()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        void Row(string name, string value) => sb.Append(c, $"  {name,-28} {value}\n");
        static string F(double v) => double.IsNaN(v) ? "-" : v.ToString("G6", CultureInfo.InvariantCulture);

        sb.Append("Training statistics\n");
        Row("elapsed (s)", F(ElapsedSeconds));
        Row("model version", Version.ToString());
        Row("server steps", ServerSteps.ToString(c));
        Row("rounds", Rounds.ToString(c));
        Row("mean round time (s)", F(MeanRoundTime));
        Row("mean step interval (s)", F(MeanStepInterval));
        Row("updates / s", F(UpdatesPerSecond));
        sb.Append("Tasks\n");
        Row("dispatched", TasksDispatched.ToString(c));
        Row("completed", TasksCompleted.ToString(c));
        Row("cancelled", TasksCancelled.ToString(c));
        Row("timed out", TasksTimedOut.ToString(c));
        Row("dropped", TasksDropped.ToString(c));
        Row("abandoned", TasksAbandoned.ToString(c));
        Row("in flight", TasksInFlight.ToString(c));
        Row("dropout rate", F(DropoutRate));
        sb.Append("Client latency (s)\n");
        Row("mean", F(MeanClientLatency));
        Row("P50", F(P50ClientLatency));
        Row("P90", F(P90ClientLatency));
        Row("P99", F(P99ClientLatency));
        sb.Append("Updates\n");
        Row("results delivered", ResultsDelivered.ToString(c));
        Row("applied", Applied.ToString(c));
        Row("buffered", Buffered.ToString(c));
        Row("rejected", Rejected.ToString(c));
        foreach (var kv in RejectedByReason.OrderBy(static kv => kv.Key))
        {
            Row("  " + kv.Key, kv.Value.ToString(c));
        }

        Row("undecided (in rejected)", Undecided.ToString(c));
        Row("mean staleness", F(MeanStaleness));
        Row("participating clients", $"{ParticipatingClients.ToString(c)} of {_participation.Length.ToString(c)}");
        sb.Append("Staleness histogram (staleness: count)\n");
        int shown = 0;
        for (int s = 0; s < _stalenessHistogram.Length && shown < 32; s++)
        {
            if (_stalenessHistogram[s] != 0)
            {
                sb.Append(c, $"  {s,6}: {_stalenessHistogram[s]}\n");
                shown++;
            }
        }

        if (shown == 32)
        {
            sb.Append("  …\n");
        }

        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Format();
}
