using AsyncFl.Engine;
using AsyncFl.Metrics;

namespace AsyncFl;

/// <summary>
/// The server engine: the global model, the aggregator, the scheduler, the client workload and the statistics, and
/// the protocol of DESIGN.md — dispatch, compute, arrival, record — for whichever clock drives it. Each party gets its
/// own face: the scheduler an <see cref="ISchedulerContext"/>, the clock (an <see cref="ITaskRunner"/>) the
/// <see cref="IRunnerPort"/> that <see cref="Attach"/> returns. Build one with <see cref="FederatedServerBuilder.Build"/>.
/// </summary>
/// <remarks>
/// <para>Every dispatched task ends exactly once (<see cref="TaskEndReason"/>), and every delivered result is accepted
/// or discarded exactly once (a result the scheduler leaves undecided is discarded and counted). Task ends caused
/// inside a scheduler callback (<see cref="ISchedulerContext.Cancel"/>) are delivered after that callback returns, so
/// a scheduler is never re-entered.</para>
/// <para>Not thread-safe: everything runs on the runner's event thread except <see cref="EngineTask.Execute"/>.</para>
/// </remarks>
public sealed class FederatedServer : IDisposable
{
    private readonly TrainingRecorder _recorder;
    private readonly ServerLog _log;
    private readonly TaskTable _tasks;
    private readonly SnapshotPool _snapshots;
    private readonly ResultPool _results;
    private readonly UploadPipeline _uploads;
    private readonly SchedulerContext _context;
    private readonly CallbackGate _gate;
    private readonly TaskTimers _timers = new();
    private ClientRoster? _roster;
    private ITaskRunner? _runner;
    private long _nextTaskId;
    private bool _disposed;

    internal FederatedServer(GlobalModel model, IAggregator aggregator, IScheduler scheduler, IClientWorkload workload, long seed, string name, ServerServices services)
    {
        Model = model;
        Aggregator = aggregator;
        Scheduler = scheduler;
        Workload = workload;
        Seed = seed;
        Name = name;
        Random = RandomSource.Create(seed, 1);
        _recorder = new TrainingRecorder(name, services.MeterFactory);
        _log = new ServerLog(services.LoggerFactory, name);
        _results = new ResultPool(model);
        _snapshots = new SnapshotPool(model);
        _tasks = new TaskTable(new TaskExecutor(workload, RandomSource.Create(seed, 2).NextInt64(), _results), _snapshots, _results);
        _uploads = new UploadPipeline(model, RandomSource.Create(seed, 3).NextInt64());
        _context = new SchedulerContext(this);
        _gate = new CallbackGate(ended => { if (!IsStopped) { Scheduler.OnTaskEnded(_context, in ended); } }, _tasks.Return);
        InFlight = new InFlightView(_tasks, () => InFlightCount);
    }

    /// <summary>The server's name (<see cref="FederatedServerBuilder.WithName"/>): its meter's tag and log scope.</summary>
    public string Name { get; }

    /// <summary>The global model.</summary>
    public GlobalModel Model { get; }

    /// <summary>The aggregator (created by <see cref="FederatedServerBuilder.Build"/>).</summary>
    public IAggregator Aggregator { get; }

    /// <summary>The scheduling policy.</summary>
    public IScheduler Scheduler { get; }

    /// <summary>The client workload.</summary>
    public IClientWorkload Workload { get; }

    /// <summary>The root seed.</summary>
    public long Seed { get; }

    /// <summary>The runner (clock) driving the server, once attached.</summary>
    public ITaskRunner? Runner => _runner;

    /// <summary>Whether training started.</summary>
    public bool IsStarted { get; private set; }

    /// <summary>Whether the scheduler asked to stop (<see cref="ISchedulerContext.RequestStop"/>).</summary>
    public bool StopRequested { get; internal set; }

    /// <summary>Whether training is over (in-flight tasks were abandoned).</summary>
    public bool IsStopped { get; private set; }

    /// <summary>Seconds since training started, on the runner's clock.</summary>
    public double Now => _runner?.Now ?? 0;

    /// <summary>The global model's version.</summary>
    public ModelVersion Version => Model.Version;

    /// <summary>Number of clients (0 until a runner attaches).</summary>
    public int ClientCount => _roster?.Count ?? 0;

    /// <summary>Number of tasks in flight.</summary>
    public int InFlightCount => _roster?.BusyCount ?? 0;

    /// <summary>Tasks dispatched so far (every one ends exactly once; see <see cref="GetAccounting"/>).</summary>
    public long TasksDispatched => _recorder.Dispatched;

    /// <summary>This server's <c>"AsyncFl"</c> meter.</summary>
    internal System.Diagnostics.Metrics.Meter Meter => _recorder.Meter;

    internal RandomSource Random { get; }

    internal InFlightView InFlight { get; }

    internal TrainingRecorder Recorder => _recorder;

    internal ClientRoster Roster => _roster ?? throw EngineErrors.NoRunner();

    internal ITaskRunner RunnerOrThrow => _runner ?? throw EngineErrors.NoRunner();

    /// <summary>
    /// Connects a clock: sizes the per-client state for <see cref="ITaskRunner.ClientCount"/> clients and returns the
    /// port through which the runner drives the server. Runners call it from their constructor; a server runs once.
    /// </summary>
    /// <param name="runner">The runner.</param>
    /// <returns>The runner's port.</returns>
    public IRunnerPort Attach(ITaskRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_runner is not null)
        {
            throw new InvalidOperationException("A runner is already attached to this server; a server runs once.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runner.ClientCount, "runner.ClientCount");
        _roster = new ClientRoster(runner.ClientCount);
        _runner = runner;
        _recorder.Initialise(runner.ClientCount);
        return new RunnerPort(this);
    }

    /// <summary>A snapshot of the training statistics.</summary>
    /// <returns>The statistics now.</returns>
    public TrainingStatistics GetStatistics() => _recorder.Snapshot(Now, Model.Version, InFlightCount);

    /// <summary>The exactly-once accounting of tasks and results so far.</summary>
    /// <returns>The accounting now.</returns>
    public TaskAccounting GetAccounting() => _recorder.Accounting(InFlightCount);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _recorder.Dispose();
        Aggregator.Dispose();
        _tasks.Dispose();
        _results.Dispose();
        _snapshots.Dispose();
        _uploads.Dispose();
        Model.Dispose();
    }

    // ---------------------------------------------------------------- the runner's side (through RunnerPort)

    internal void Start()
    {
        if (IsStarted)
        {
            throw new InvalidOperationException("The server was already started.");
        }

        _ = RunnerOrThrow;
        IsStarted = true;
        _log.Started(this);
        using (_gate.Enter())
        {
            Scheduler.OnStart(_context);
        }
    }

    internal void DeliverResult(EngineTask task, int uploadIndex)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!task.IsLive || IsStopped)
        {
            EngineErrors.ThrowEnded(task);
        }

        if (uploadIndex != task.ResultsDelivered || uploadIndex >= task.Request.Uploads)
        {
            EngineErrors.ThrowUploadOrder(task, uploadIndex);
        }

        using (_gate.Enter())
        {
            task.Execute();
            var update = _uploads.Prepare(task, uploadIndex);
            task.ResultsDelivered++;
            _recorder.RecordResultDelivered();
            long staleness = Model.Version.StalenessOf(task.Info.BaseVersion);
            var result = new TaskResult(task.Info, uploadIndex, update, staleness, Now);
            _context.BeginDecision(task, uploadIndex);
            try
            {
                Scheduler.OnResult(_context, in result);
            }
            finally
            {
                if (_context.EndDecision())
                {
                    _recorder.RecordUndecided();
                    RecordRejected(RejectionReason.DiscardedByScheduler, task.ClientId);
                }
            }

            if (!task.IsEnded && task.ResultsDelivered == task.Request.Uploads)
            {
                EndTask(task, TaskEndReason.Completed, notifyRunner: false);
            }
        }
    }

    internal void ReportDropped(EngineTask task, Exception? cause)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (cause is not null)
        {
            _log.Fault(task.Id, task.ClientId, cause);
        }

        if (!task.IsLive)
        {
            return;
        }

        using (_gate.Enter())
        {
            EndTask(task, TaskEndReason.Dropped, notifyRunner: false);
        }
    }

    internal void ClientAvailable(int clientId)
    {
        if (IsStopped)
        {
            return;
        }

        using (_gate.Enter())
        {
            Scheduler.OnClientAvailable(_context, clientId);
        }
    }

    internal void TimerFired(long cookie)
    {
        if (IsStopped)
        {
            return;
        }

        using (_gate.Enter())
        {
            if (_timers.Resolve(cookie, out var deadline, out long tag))
            {
                Scheduler.OnTimer(_context, tag);
            }
            else if (cookie < 0 && _tasks.Find(deadline) is { } task)
            {
                // A task's time limit; a deadline of a task that already ended finds nothing.
                EndTask(task, TaskEndReason.TimedOut, notifyRunner: true);
            }
        }
    }

    internal void Release(EngineTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.RunnerReleased || task.Id < 0)
        {
            throw new InvalidOperationException("The task was already released.");
        }

        using (_gate.Enter())
        {
            task.RunnerReleased = true;
            if (!task.IsEnded)
            {
                EndTask(task, TaskEndReason.Dropped, notifyRunner: false);
            }
            else
            {
                _gate.MarkPending(task);
            }
        }
    }

    internal void Stop()
    {
        if (IsStopped || _runner is null)
        {
            return;
        }

        using (_gate.Enter())
        {
            IsStopped = true;
            _gate.DropQueuedEnds();
            foreach (var task in _tasks.Slots)
            {
                if (task.IsLive)
                {
                    EndTask(task, TaskEndReason.Abandoned, notifyRunner: true);
                }
            }
        }

        _log.Stopped(GetStatistics);
    }

    internal EngineTask? FindTask(TaskKey key) => _tasks.Find(key);

    // ---------------------------------------------------------------- the scheduler's side (through SchedulerContext)

    internal TaskHandle Dispatch(in TaskRequest request)
    {
        var runner = RunnerOrThrow;
        if (IsStopped)
        {
            throw new InvalidOperationException("Training has stopped; no task can be dispatched.");
        }

        var roster = Roster;
        int client = request.ClientId;
        EngineErrors.CheckDispatch(in request, roster, runner);

        var task = _tasks.Rent();
        long id = _nextTaskId++;
        var handle = new TaskHandle(id) { Key = task.Key.Next() };
        task.Begin(id, new TaskInfo(handle, request, Model.Version, runner.Now), _snapshots.Acquire());
        System.Diagnostics.Debug.Assert(task.Key == handle.Key, "The handle names the slot's new generation.");
        roster.Occupy(client, task);
        _recorder.RecordDispatch();
        if (double.IsFinite(request.TimeLimitSeconds))
        {
            runner.SetTimer(runner.Now + request.TimeLimitSeconds, TaskTimers.DeadlineCookie(task.Key));
        }

        runner.Launch(task);
        return handle;
    }

    internal bool Cancel(TaskHandle handle)
    {
        var task = _tasks.Find(handle);
        if (task is null)
        {
            return false;
        }

        EndTask(task, TaskEndReason.Cancelled, notifyRunner: true);
        return true;
    }

    internal void SetTimer(double delaySeconds, long tag)
    {
        if (!double.IsFinite(delaySeconds) || delaySeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delaySeconds), delaySeconds, "The timer delay must be finite and ≥ 0.");
        }

        var runner = RunnerOrThrow;
        runner.SetTimer(runner.Now + delaySeconds, _timers.SchedulerCookie(tag));
    }

    internal void RecordRejected(RejectionReason reason, int clientId)
    {
        _recorder.RecordRejected(reason);
        _log.Rejected(reason, clientId);
    }

    private void EndTask(EngineTask task, TaskEndReason reason, bool notifyRunner)
    {
        System.Diagnostics.Debug.Assert(task.IsLive, "A task ends exactly once.");
        task.IsEnded = true;
        Roster.Free(task.ClientId);
        double now = Now;
        _recorder.RecordEnd(reason, now - task.Info.StartTime);
        if (!IsStopped)
        {
            _gate.QueueEnd(new TaskEnded(task.Info, reason, now, task.ResultsDelivered));
        }

        _gate.MarkPending(task);
        if (notifyRunner && !task.RunnerReleased)
        {
            _runner!.Cancel(task);
        }
    }
}
