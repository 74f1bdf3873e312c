using System.Diagnostics.Metrics;

namespace AsyncFl.Metrics;

/// <summary>
/// Records what the engine does: publishes to the server's <c>"AsyncFl"</c> meter and keeps the exact values behind
/// <see cref="TrainingStatistics"/>. Used from the engine's event thread only; snapshots are taken there too.
/// </summary>
internal sealed class TrainingRecorder : IDisposable
{
    private static readonly string MeterVersion = typeof(TrainingRecorder).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    private static readonly KeyValuePair<string, object?>[] EndTags = [.. Enum.GetValues<TaskEndReason>().Select(r => new KeyValuePair<string, object?>(TrainingMeter.EndReasonTag, TrainingMeter.EndReasonName(r)))];
    private static readonly KeyValuePair<string, object?>[] RejectionTags = [.. Enum.GetValues<RejectionReason>().Select(r => new KeyValuePair<string, object?>(TrainingMeter.RejectionReasonTag, TrainingMeter.RejectionReasonName(r)))];
    private static readonly KeyValuePair<string, object?> Applied_ = new(TrainingMeter.OutcomeTag, "applied");
    private static readonly KeyValuePair<string, object?> Buffered_ = new(TrainingMeter.OutcomeTag, "buffered");
    private static readonly KeyValuePair<string, object?> Rejected_ = new(TrainingMeter.OutcomeTag, "rejected");

    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _dispatched;
    private readonly Counter<long> _ended;
    private readonly UpDownCounter<long> _inFlight;
    private readonly Counter<long> _updates;
    private readonly Counter<long> _steps;
    private readonly Histogram<long> _staleness;
    private readonly Histogram<double> _taskDuration;
    private readonly Histogram<double> _stepInterval;
    private readonly Histogram<double> _roundDuration;

    private readonly long[] _rejectedByReason = new long[RejectionTags.Length];
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

    /// <summary>Creates the recorder and its meter: through <paramref name="meterFactory"/> when given (the factory owns
    /// the meter), else a meter of its own (disposed with the recorder).</summary>
    public TrainingRecorder(string serverName, IMeterFactory? meterFactory)
    {
        var options = new MeterOptions(TrainingMeter.Name)
        {
            Version = MeterVersion,
            Tags = [new KeyValuePair<string, object?>(TrainingMeter.ServerTag, serverName)],
        };
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(options) ?? new Meter(options);
        _dispatched = _meter.CreateCounter<long>(TrainingMeter.TasksDispatched, "{task}", "Tasks dispatched.");
        _ended = _meter.CreateCounter<long>(TrainingMeter.TasksEnded, "{task}", "Tasks that ended, by end reason.");
        _inFlight = _meter.CreateUpDownCounter<long>(TrainingMeter.TasksInFlight, "{task}", "Tasks in flight.");
        _updates = _meter.CreateCounter<long>(TrainingMeter.Updates, "{update}", "Delivered results, by outcome (and rejection reason).");
        _steps = _meter.CreateCounter<long>(TrainingMeter.ServerSteps, "{step}", "Server steps (version increments).");
        _staleness = _meter.CreateHistogram<long>(TrainingMeter.Staleness, "{version}", "Staleness of accepted updates.");
        _taskDuration = _meter.CreateHistogram<double>(TrainingMeter.TaskDuration, "s", "Dispatch to end of every ended task, by end reason.");
        _stepInterval = _meter.CreateHistogram<double>(TrainingMeter.StepInterval, "s", "Time from one server step to the next.");
        _roundDuration = _meter.CreateHistogram<double>(TrainingMeter.RoundDuration, "s", "Time from one flush that changed the model to the next.");
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
        _inFlight.Add(1);
    }

    public void RecordResultDelivered() => ResultsDelivered++;

    public void RecordUndecided() => Undecided++;

    public void RecordEnd(TaskEndReason reason, double durationSeconds)
    {
        switch (reason)
        {
            case TaskEndReason.Completed:
                Completed++;
                if (_latencyCount == _latencies.Length)
                {
                    Array.Resize(ref _latencies, _latencies.Length * 2);
                }

                _latencies[_latencyCount++] = durationSeconds;
                _latencySum += durationSeconds;
                break;
            case TaskEndReason.Cancelled:
                Cancelled++;
                break;
            case TaskEndReason.TimedOut:
                TimedOut++;
                break;
            case TaskEndReason.Dropped:
                Dropped++;
                break;
            default:
                Abandoned++;
                break;
        }

        var tag = EndTags[(int)reason];
        _ended.Add(1, tag);
        _inFlight.Add(-1);
        _taskDuration.Record(durationSeconds, tag);
    }

    public void RecordAccepted(UpdateDisposition disposition, long staleness, int clientId)
    {
        if (disposition == UpdateDisposition.Applied)
        {
            Applied++;
            _updates.Add(1, Applied_);
        }
        else
        {
            Buffered++;
            _updates.Add(1, Buffered_);
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
        _updates.Add(1, Rejected_, RejectionTags[(int)reason]);
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
            _roundDuration.Record(round);
        }
    }

    public Engine.TaskAccounting Accounting(int inFlight) =>
        new(Dispatched, Completed, Cancelled, TimedOut, Dropped, Abandoned, inFlight, ResultsDelivered, Applied + Buffered, RejectedTotal, Undecided);

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

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
