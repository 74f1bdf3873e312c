using System.Diagnostics.Metrics;

namespace AsyncFl.Metrics;

/// <summary>
/// The names of the <see cref="System.Diagnostics.Metrics"/> instruments an AsyncFl server publishes. Listen with a
/// <see cref="MeterListener"/>, <c>dotnet-counters monitor --counters AsyncFl</c> or OpenTelemetry.
/// </summary>
public static class TrainingMeter
{
    /// <summary>The meter's name: <c>"AsyncFl"</c>.</summary>
    public const string Name = "AsyncFl";

    /// <summary>Counter: updates that changed the model at once (disposition Applied).</summary>
    public const string UpdatesApplied = "asyncfl.updates.applied";

    /// <summary>Counter: updates refused by the aggregator or discarded by the scheduler; tag <c>reason</c>.</summary>
    public const string UpdatesRejected = "asyncfl.updates.rejected";

    /// <summary>Counter: updates accepted into a buffer (disposition Buffered).</summary>
    public const string UpdatesBuffered = "asyncfl.updates.buffered";

    /// <summary>Counter: tasks dispatched.</summary>
    public const string TasksDispatched = "asyncfl.tasks.dispatched";

    /// <summary>Counter: tasks cancelled by the scheduler.</summary>
    public const string TasksCancelled = "asyncfl.tasks.cancelled";

    /// <summary>Counter: tasks that ran past their time limit.</summary>
    public const string TasksTimedOut = "asyncfl.tasks.timed_out";

    /// <summary>Counter: tasks whose client failed or went offline.</summary>
    public const string TasksDropped = "asyncfl.tasks.dropped";

    /// <summary>Counter: server steps (version increments).</summary>
    public const string ServerSteps = "asyncfl.server.steps";

    /// <summary>Histogram: staleness (server versions) of accepted updates.</summary>
    public const string Staleness = "asyncfl.updates.staleness";

    /// <summary>Histogram: seconds from dispatch to the last result of completed tasks.</summary>
    public const string ClientLatency = "asyncfl.client.latency";

    /// <summary>Histogram: seconds between consecutive server steps.</summary>
    public const string StepInterval = "asyncfl.server.step_interval";

    /// <summary>Histogram: seconds between consecutive flushes that changed the model (rounds).</summary>
    public const string RoundTime = "asyncfl.round.time";

    /// <summary>The tag key carrying a <see cref="RejectionReason"/> name.</summary>
    public const string ReasonTag = "reason";
}

/// <summary>
/// Records what the engine does: publishes to the <c>"AsyncFl"</c> meter and keeps the exact values behind
/// <see cref="TrainingStatistics"/>. Used from the engine's event thread only; snapshots are taken there too.
/// </summary>
internal sealed class TrainingRecorder : IDisposable
{
    private static readonly string[] ReasonNames = Enum.GetNames<RejectionReason>();

    private readonly Meter _meter;
    private readonly Counter<long> _applied;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _buffered;
    private readonly Counter<long> _dispatched;
    private readonly Counter<long> _cancelled;
    private readonly Counter<long> _timedOut;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _steps;
    private readonly Histogram<long> _staleness;
    private readonly Histogram<double> _latency;
    private readonly Histogram<double> _stepInterval;
    private readonly Histogram<double> _roundTime;

    private readonly long[] _rejectedByReason = new long[ReasonNames.Length];
    private double[] _latencies = new double[256];
    private int _latencyCount;
    private long[] _stalenessCounts = new long[64];
    private int[] _participation = [];
    private double _latencySum;
    private double _lastStepTime;
    private double _stepIntervalSum;
    private long _stepIntervalCount;
    private double _lastRoundTime;
    private double _roundTimeSum;
    private long _roundCount;

    public TrainingRecorder()
    {
        _meter = new Meter(TrainingMeter.Name, "0.1.0");
        _applied = _meter.CreateCounter<long>(TrainingMeter.UpdatesApplied, "{update}", "Updates applied to the model at once.");
        _rejected = _meter.CreateCounter<long>(TrainingMeter.UpdatesRejected, "{update}", "Updates rejected or discarded, by reason.");
        _buffered = _meter.CreateCounter<long>(TrainingMeter.UpdatesBuffered, "{update}", "Updates accepted into a buffer.");
        _dispatched = _meter.CreateCounter<long>(TrainingMeter.TasksDispatched, "{task}", "Tasks dispatched.");
        _cancelled = _meter.CreateCounter<long>(TrainingMeter.TasksCancelled, "{task}", "Tasks cancelled by the scheduler.");
        _timedOut = _meter.CreateCounter<long>(TrainingMeter.TasksTimedOut, "{task}", "Tasks past their time limit.");
        _dropped = _meter.CreateCounter<long>(TrainingMeter.TasksDropped, "{task}", "Tasks whose client failed or went offline.");
        _steps = _meter.CreateCounter<long>(TrainingMeter.ServerSteps, "{step}", "Server steps (version increments).");
        _staleness = _meter.CreateHistogram<long>(TrainingMeter.Staleness, "{version}", "Staleness of accepted updates.");
        _latency = _meter.CreateHistogram<double>(TrainingMeter.ClientLatency, "s", "Dispatch to last result of completed tasks.");
        _stepInterval = _meter.CreateHistogram<double>(TrainingMeter.StepInterval, "s", "Time between server steps.");
        _roundTime = _meter.CreateHistogram<double>(TrainingMeter.RoundTime, "s", "Time between flushes that changed the model.");
    }

    public Meter Meter => _meter;

    public long Dispatched { get; private set; }

    public long Completed { get; private set; }

    public long Cancelled { get; private set; }

    public long TimedOut { get; private set; }

    public long Dropped { get; private set; }

    public long Abandoned { get; private set; }

    public long ResultsDelivered { get; private set; }

    public long Applied { get; private set; }

    public long Buffered { get; private set; }

    public long Undecided { get; private set; }

    public long ServerStepCount { get; private set; }

    public long RejectedTotal { get; private set; }

    public void Initialise(int clientCount) => _participation = new int[clientCount];

    public void RecordDispatch()
    {
        Dispatched++;
        _dispatched.Add(1);
    }

    public void RecordResultDelivered() => ResultsDelivered++;

    public void RecordUndecided() => Undecided++;

    public void RecordEnd(TaskEndReason reason, double latencySeconds)
    {
        switch (reason)
        {
            case TaskEndReason.Completed:
                Completed++;
                if (_latencyCount == _latencies.Length)
                {
                    Array.Resize(ref _latencies, _latencies.Length * 2);
                }

                _latencies[_latencyCount++] = latencySeconds;
                _latencySum += latencySeconds;
                _latency.Record(latencySeconds);
                break;
            case TaskEndReason.Cancelled:
                Cancelled++;
                _cancelled.Add(1);
                break;
            case TaskEndReason.TimedOut:
                TimedOut++;
                _timedOut.Add(1);
                break;
            case TaskEndReason.Dropped:
                Dropped++;
                _dropped.Add(1);
                break;
            default:
                Abandoned++;
                break;
        }
    }

    public void RecordAccepted(UpdateDisposition disposition, long staleness, int clientId)
    {
        if (disposition == UpdateDisposition.Applied)
        {
            Applied++;
            _applied.Add(1);
        }
        else
        {
            Buffered++;
            _buffered.Add(1);
        }

        long s = Math.Max(0, staleness);
        if (s >= _stalenessCounts.Length)
        {
            long size = _stalenessCounts.Length;
            while (size <= s)
            {
                size *= 2;
            }

            Array.Resize(ref _stalenessCounts, (int)Math.Min(size, int.MaxValue - 64));
        }

        _stalenessCounts[s]++;
        _staleness.Record(s);
        if ((uint)clientId < (uint)_participation.Length)
        {
            _participation[clientId]++;
        }
    }

    public void RecordRejected(RejectionReason reason)
    {
        RejectedTotal++;
        _rejectedByReason[(int)reason]++;
        _rejected.Add(1, new KeyValuePair<string, object?>(TrainingMeter.ReasonTag, ReasonNames[(int)reason]));
    }

    public void RecordServerSteps(long steps, double now, bool fromFlush)
    {
        if (steps <= 0)
        {
            return;
        }

        ServerStepCount += steps;
        _steps.Add(steps);
        double interval = now - _lastStepTime;
        _lastStepTime = now;
        _stepIntervalSum += interval;
        _stepIntervalCount++;
        _stepInterval.Record(interval);
        if (fromFlush)
        {
            double round = now - _lastRoundTime;
            _lastRoundTime = now;
            _roundTimeSum += round;
            _roundCount++;
            _roundTime.Record(round);
        }
    }

    public TrainingStatistics Snapshot(double elapsedSeconds, ModelVersion version, int inFlight)
    {
        var sorted = _latencies.AsSpan(0, _latencyCount).ToArray();
        Array.Sort(sorted);
        int maxStaleness = -1;
        for (int i = _stalenessCounts.Length - 1; i >= 0; i--)
        {
            if (_stalenessCounts[i] != 0)
            {
                maxStaleness = i;
                break;
            }
        }

        var histogram = _stalenessCounts.AsSpan(0, maxStaleness + 1).ToArray();
        var rejected = new Dictionary<RejectionReason, long>();
        for (int i = 0; i < _rejectedByReason.Length; i++)
        {
            if (_rejectedByReason[i] != 0)
            {
                rejected[(RejectionReason)i] = _rejectedByReason[i];
            }
        }

        return new TrainingStatistics(
            elapsedSeconds: elapsedSeconds,
            version: version,
            tasksDispatched: Dispatched,
            tasksCompleted: Completed,
            tasksCancelled: Cancelled,
            tasksTimedOut: TimedOut,
            tasksDropped: Dropped,
            tasksAbandoned: Abandoned,
            tasksInFlight: inFlight,
            resultsDelivered: ResultsDelivered,
            applied: Applied,
            buffered: Buffered,
            rejectedByReason: rejected,
            undecided: Undecided,
            serverSteps: ServerStepCount,
            rounds: _roundCount,
            meanRoundTime: _roundCount == 0 ? double.NaN : _roundTimeSum / _roundCount,
            meanStepInterval: _stepIntervalCount == 0 ? double.NaN : _stepIntervalSum / _stepIntervalCount,
            sortedLatencies: sorted,
            meanLatency: _latencyCount == 0 ? double.NaN : _latencySum / _latencyCount,
            stalenessHistogram: histogram,
            participation: (int[])_participation.Clone());
    }

    public void Dispose() => _meter.Dispose();
}
