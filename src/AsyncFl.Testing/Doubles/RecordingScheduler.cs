namespace AsyncFl.Testing;

/// <summary>
/// Wraps a scheduler and records what the engine shows it and what it does: the clock and model version at every
/// callback and after every accept or flush, every dispatch, every result, every task end and the staleness of every
/// accepted result. The record is what the invariant checkers (<see cref="Invariants"/>) read. Behaviour is the inner
/// scheduler's, unchanged.
/// </summary>
public sealed class RecordingScheduler : IScheduler
{
    private readonly List<double> _times = [];
    private readonly List<long> _versions = [];
    private readonly List<long> _acceptedStaleness = [];
    private readonly Dictionary<long, int> _endsPerTask = [];
    private readonly List<TaskEndReason> _endReasons = [];
    private readonly HashSet<long> _dispatched = [];
    private readonly List<(long Task, int Upload)> _results = [];
    private readonly List<(long Task, int Upload)> _decisions = [];

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The scheduler under test.</param>
    public RecordingScheduler(IScheduler inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The wrapped scheduler.</summary>
    public IScheduler Inner { get; }

    /// <inheritdoc />
    public string Name => Inner.Name;

    /// <summary>The clock at every callback, in call order.</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>The model version at every callback and after every accept and flush, in order.</summary>
    public IReadOnlyList<long> Versions => _versions;

    /// <summary>Staleness of every accepted (applied or buffered) result, as the aggregator reported it.</summary>
    public IReadOnlyList<long> AcceptedStaleness => _acceptedStaleness;

    /// <summary>How many times <see cref="IScheduler.OnTaskEnded"/> was called per task id.</summary>
    public IReadOnlyDictionary<long, int> EndsPerTask => _endsPerTask;

    /// <summary>The reason of every task end the scheduler was told, in order.</summary>
    public IReadOnlyList<TaskEndReason> EndReasons => _endReasons;

    /// <summary>Ids of every dispatched task.</summary>
    public IReadOnlySet<long> Dispatched => _dispatched;

    /// <summary>Every result delivered to the scheduler: (task id, upload index), in order.</summary>
    public IReadOnlyList<(long Task, int Upload)> Results => _results;

    /// <summary>Every accept or discard the scheduler made: (task id, upload index), in order.</summary>
    public IReadOnlyList<(long Task, int Upload)> Decisions => _decisions;

    /// <summary>Number of callbacks seen.</summary>
    public int Callbacks => _times.Count;

    /// <inheritdoc />
    public void OnStart(ISchedulerContext context) => Inner.OnStart(Wrap(context));

    /// <inheritdoc />
    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        _results.Add((result.Task.Handle.Id, result.UploadIndex));
        Inner.OnResult(Wrap(context), in result);
    }

    /// <inheritdoc />
    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        long id = ended.Task.Handle.Id;
        _endsPerTask[id] = _endsPerTask.GetValueOrDefault(id) + 1;
        _endReasons.Add(ended.Reason);
        Inner.OnTaskEnded(Wrap(context), in ended);
    }

    /// <inheritdoc />
    public void OnClientAvailable(ISchedulerContext context, int clientId) => Inner.OnClientAvailable(Wrap(context), clientId);

    /// <inheritdoc />
    public void OnTimer(ISchedulerContext context, long tag) => Inner.OnTimer(Wrap(context), tag);

    internal void RecordDispatch(long id) => _dispatched.Add(id);

    internal void RecordVersion(long version) => _versions.Add(version);

    internal void RecordDecision(in TaskResult result, AggregationOutcome? outcome)
    {
        _decisions.Add((result.Task.Handle.Id, result.UploadIndex));
        if (outcome is { Accepted: true } accepted)
        {
            _acceptedStaleness.Add(accepted.Staleness);
        }
    }

    private RecordingContext Wrap(ISchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _times.Add(context.Now);
        _versions.Add(context.Version.Value);
        return new RecordingContext(context, this);
    }
}
