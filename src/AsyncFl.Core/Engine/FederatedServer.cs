using System.Collections;
using System.Diagnostics.CodeAnalysis;
using AsyncFl.Backends;
using AsyncFl.Engine;
using AsyncFl.Metrics;

namespace AsyncFl;

/// <summary>
/// The server engine: holds the global model, the aggregator, the scheduler, the client workload and the
/// statistics, and runs the four-step protocol (dispatch, compute, arrival, record) for whichever clock drives it.
/// The scheduler sees it as an <see cref="ISchedulerContext"/>; a clock (an <see cref="ITaskRunner"/>) drives it
/// through its entry points. Build one with <see cref="FederatedServerBuilder.Build"/>.
/// </summary>
/// <remarks>
/// <para>Every dispatched task ends exactly once (<see cref="TaskEndReason"/>), and every delivered result is
/// accepted or discarded exactly once (a result the scheduler leaves undecided is discarded and counted).
/// Task-end notifications caused inside a scheduler callback (<see cref="ISchedulerContext.Cancel"/>) are
/// delivered after that callback returns, so a scheduler is never re-entered.</para>
/// <para>Not thread-safe: all entry points run on one event thread (the runner's), except
/// <see cref="EngineTask.Execute"/>.</para>
/// </remarks>
public sealed class FederatedServer : ISchedulerContext, IDisposable
{
    private readonly TrainingRecorder _recorder;
    private readonly Dictionary<long, EngineTask> _evicted = [];
    private readonly List<EngineTask> _bySlot = [];
    private readonly List<EngineTask> _pending = [];
    private readonly Stack<EngineTask> _freeTasks = new();
    private readonly Stack<Snapshot> _freeSnapshots = new();
    private readonly Stack<ClientUpdate> _freeResults = new();
    private readonly RandomSource _compressionRandom = new(0);
    private readonly Queue<TaskEnded> _endNotifications = new();
    private readonly Dictionary<long, long> _timerTags = [];
    private readonly InFlightView _view;
    private readonly long _taskSeed;
    private readonly long _compressionSeed;
    private EngineTask?[] _clientTask = [];
    private ulong[] _busy = []; // one bit per client (n/8 bytes, cache-resident at n = 10⁶): the hot busy test
    private int[] _idRing = new int[64];
    private int[]? _idle; // idle clients (dense), maintained only once a uniform pick needed it
    private int[]? _idlePosition; // client → index in _idle, or −1 when busy
    private int _idleCount; // task id & (length − 1) → slot + 1 (0: empty): id → task without hashing
    private ITaskRunner? _runner;
    private readonly IAggregator _aggregator;
    private Snapshot? _latest;
    private ClientUpdate? _scratch;
    private float[]? _compressSource;
    private float[]? _compressDestination;
    [ThreadStatic]
    private static RandomSource? t_taskRandom;
    private int _depth;
    private long _nextTaskId;
    private long _nextUpdateId;
    private long _nextCookie;
    private EngineTask? _currentTask;
    private int _currentUpload;
    private bool _currentDecided;
    private bool _disposed;

    internal FederatedServer(GlobalModel model, IAggregator aggregator, IScheduler scheduler, IClientWorkload workload, long seed, string name, System.Diagnostics.Metrics.IMeterFactory? meterFactory)
    {
        Model = model;
        Name = name;
        _recorder = new TrainingRecorder(name, meterFactory);
        _aggregator = aggregator;
        Scheduler = scheduler;
        Workload = workload;
        Seed = seed;
        Random = RandomSource.Create(seed, 1);
        _taskSeed = RandomSource.Create(seed, 2).NextInt64();
        _compressionSeed = RandomSource.Create(seed, 3).NextInt64();
        _view = new InFlightView(this);
    }

    /// <summary>The global model.</summary>
    public GlobalModel Model { get; }

    /// <summary>The server's name (<see cref="FederatedServerBuilder.WithName"/>).</summary>
    public string Name { get; }

    /// <summary>The aggregator (created by <see cref="FederatedServerBuilder.Build"/> from the builder's factory).</summary>
    public IAggregator Aggregator => _aggregator;

    /// <summary>The scheduling policy.</summary>
    public IScheduler Scheduler { get; }

    /// <summary>The client workload.</summary>
    public IClientWorkload Workload { get; }

    /// <summary>The root seed.</summary>
    public long Seed { get; }

    /// <summary>The runner (clock) driving the server, once attached.</summary>
    public ITaskRunner? Runner => _runner;

    /// <summary>Whether <see cref="Start"/> ran.</summary>
    public bool IsStarted { get; private set; }

    /// <summary>Whether the scheduler asked to stop (<see cref="ISchedulerContext.RequestStop"/>).</summary>
    public bool StopRequested { get; private set; }

    /// <summary>Whether <see cref="Stop"/> ran (training is over; in-flight tasks were abandoned).</summary>
    public bool IsStopped { get; private set; }

    /// <summary>The seeded random source for scheduling decisions (stream 1 of the root seed).</summary>
    public RandomSource Random { get; }

    /// <summary>Seconds since training started, on the runner's clock.</summary>
    public double Now => _runner?.Now ?? 0;

    /// <summary>The global model's version.</summary>
    public ModelVersion Version => Model.Version;

    /// <summary>Number of clients.</summary>
    public int ClientCount => _clientTask.Length;

    /// <summary>Number of tasks in flight.</summary>
    public int InFlightCount { get; private set; }

    /// <summary>Tasks dispatched so far (every one ends exactly once; see <see cref="GetAccounting"/>).</summary>
    public long TasksDispatched => _recorder.Dispatched;

    /// <summary>The tasks in flight (a live view).</summary>
    public IReadOnlyCollection<TaskInfo> InFlight => _view;

    /// <summary>Called by a runner's constructor: connects the clock and sizes the per-client state.</summary>
    /// <param name="runner">The runner.</param>
    public void Attach(ITaskRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        if (_runner is not null)
        {
            throw new InvalidOperationException("A runner is already attached to this server; a server runs once.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runner.ClientCount, "runner.ClientCount");
        _runner = runner;
        _clientTask = new EngineTask?[runner.ClientCount];
        _busy = new ulong[(runner.ClientCount + 63) >> 6];
        _recorder.Initialise(runner.ClientCount);
    }

    /// <summary>Starts training: calls <see cref="IScheduler.OnStart"/>.</summary>
    public void Start()
    {
        var runner = RequireRunner();
        _ = runner;
        if (IsStarted)
        {
            throw new InvalidOperationException("The server was already started.");
        }

        IsStarted = true;
        Enter();
        try
        {
            Scheduler.OnStart(this);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Entry point: upload <paramref name="uploadIndex"/> of <paramref name="task"/> arrived now.</summary>
    /// <param name="task">The task (not ended; uploads arrive in order).</param>
    /// <param name="uploadIndex">Which upload, equal to <see cref="EngineTask.ResultsDelivered"/>.</param>
    public void DeliverResult(EngineTask task, int uploadIndex)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsEnded || IsStopped || task.Id < 0)
        {
            ThrowEnded(task);
        }

        if (uploadIndex != task.ResultsDelivered || uploadIndex >= task.Request.Uploads)
        {
            ThrowUploadOrder(task, uploadIndex);
        }

        Enter();
        try
        {
            task.Execute();
            var update = PrepareUpload(task, uploadIndex);
            task.ResultsDelivered++;
            _recorder.RecordResultDelivered();
            long staleness = Model.Version.StalenessOf(task.Info.BaseVersion);
            var result = new TaskResult(task.Info, uploadIndex, update, staleness, Now);
            _currentTask = task;
            _currentUpload = uploadIndex;
            _currentDecided = false;
            try
            {
                Scheduler.OnResult(this, in result);
            }
            finally
            {
                if (!_currentDecided)
                {
                    _currentDecided = true;
                    _recorder.RecordUndecided();
                    _recorder.RecordRejected(RejectionReason.DiscardedByScheduler);
                }

                _currentTask = null;
            }

            if (!task.IsEnded && task.ResultsDelivered == task.Request.Uploads)
            {
                EndTask(task, TaskEndReason.Completed, notifyRunner: false);
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Entry point: the task's client failed or went offline; the task ends as <see cref="TaskEndReason.Dropped"/>.</summary>
    /// <param name="task">The task (ignored if already ended).</param>
    public void ReportDropped(EngineTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.IsEnded || task.Id < 0)
        {
            return;
        }

        Enter();
        try
        {
            EndTask(task, TaskEndReason.Dropped, notifyRunner: false);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Entry point: an idle client came online (calls <see cref="IScheduler.OnClientAvailable"/>).</summary>
    /// <param name="clientId">The client.</param>
    public void ClientAvailable(int clientId)
    {
        if (IsStopped)
        {
            return;
        }

        Enter();
        try
        {
            Scheduler.OnClientAvailable(this, clientId);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>Entry point: a timer the server set through <see cref="ITaskRunner.SetTimer"/> fired.</summary>
    /// <param name="cookie">The cookie given.</param>
    public void TimerFired(long cookie)
    {
        if (IsStopped)
        {
            return;
        }

        Enter();
        try
        {
            if (cookie < 0)
            {
                // A task's time limit: −(1 + (id₃₁ << 32 | slot)). Stale deadlines (the slot's task ended or now carries
                // another task) are ignored.
                long key = -(cookie + 1);
                int slot = (int)(key & 0xFFFF_FFFFL);
                if ((uint)slot < (uint)_bySlot.Count)
                {
                    var task = _bySlot[slot];
                    if (task.Id >= 0 && !task.IsEnded && (task.Id & 0x7FFF_FFFFL) == (key >> 32))
                    {
                        EndTask(task, TaskEndReason.TimedOut, notifyRunner: true);
                    }
                }
            }
            else if (_timerTags.Remove(cookie, out long tag))
            {
                Scheduler.OnTimer(this, tag);
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Entry point: the runner no longer touches <paramref name="task"/>. If the server had not ended it yet, it
    /// ends as <see cref="TaskEndReason.Dropped"/> (the client's work failed). Call exactly once per launched task.
    /// </summary>
    /// <param name="task">The task.</param>
    public void Release(EngineTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.RunnerReleased || task.Id < 0)
        {
            throw new InvalidOperationException("The task was already released.");
        }

        Enter();
        try
        {
            task.RunnerReleased = true;
            if (!task.IsEnded)
            {
                EndTask(task, TaskEndReason.Dropped, notifyRunner: false);
            }
            else
            {
                MarkPending(task);
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Ends training: every in-flight task ends as <see cref="TaskEndReason.Abandoned"/> (the runner is told to
    /// cancel it; the scheduler is not called back). Idempotent.
    /// </summary>
    public void Stop()
    {
        if (IsStopped || _runner is null)
        {
            return;
        }

        Enter();
        try
        {
            IsStopped = true;
            _endNotifications.Clear();
            for (int i = 0; i < _bySlot.Count; i++)
            {
                var task = _bySlot[i];
                if (task.Id >= 0 && !task.IsEnded)
                {
                    EndTask(task, TaskEndReason.Abandoned, notifyRunner: true);
                }
            }
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>The task the client is working on, or null when it is idle.</summary>
    /// <param name="clientId">The client.</param>
    public EngineTask? GetTaskOfClient(int clientId) => (uint)clientId < (uint)_clientTask.Length ? _clientTask[clientId] : null;

    /// <summary>This server's <c>"AsyncFl"</c> meter (one per server; tests filter measurements by it).</summary>
    internal System.Diagnostics.Metrics.Meter Meter => _recorder.Meter;

    /// <summary>A snapshot of the training statistics.</summary>
    public TrainingStatistics GetStatistics() => _recorder.Snapshot(Now, Model.Version, InFlightCount);

    /// <summary>The exactly-once accounting of tasks and results so far.</summary>
    public TaskAccounting GetAccounting() => new(
        _recorder.Dispatched,
        _recorder.Completed,
        _recorder.Cancelled,
        _recorder.TimedOut,
        _recorder.Dropped,
        _recorder.Abandoned,
        InFlightCount,
        _recorder.ResultsDelivered,
        _recorder.Applied + _recorder.Buffered,
        _recorder.RejectedTotal,
        _recorder.Undecided);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _recorder.Dispose();
        _aggregator.Dispose();
        lock (_freeResults)
        {
            while (_freeResults.Count > 0)
            {
                _freeResults.Pop().Payload.Dispose();
            }
        }

        foreach (var task in _bySlot)
        {
            task.Result?.Payload.Dispose();
            task.Result = null;
        }

        while (_freeSnapshots.Count > 0)
        {
            _freeSnapshots.Pop().Vector.Dispose();
        }

        _latest?.Vector.Dispose();
        _scratch?.Payload.Dispose();
        Model.Dispose();
    }

    // ---------------------------------------------------------------- ISchedulerContext

    bool ISchedulerContext.IsAvailable(int clientId) => IsClientAvailable(clientId);

    bool ISchedulerContext.IsBusy(int clientId) => IsClientBusy(clientId);

    /// <summary>Whether the client is online now.</summary>
    /// <param name="clientId">The client.</param>
    public bool IsClientAvailable(int clientId) => (uint)clientId < (uint)_clientTask.Length && RequireRunner().IsAvailable(clientId);

    /// <summary>Whether the client is working on a task now.</summary>
    /// <param name="clientId">The client.</param>
    public bool IsClientBusy(int clientId) => (uint)clientId < (uint)_clientTask.Length && IsBusyBit(clientId);

    TaskHandle ISchedulerContext.Dispatch(in TaskRequest request)
    {
        var runner = RequireRunner();
        if (IsStopped)
        {
            throw new InvalidOperationException("Training has stopped; no task can be dispatched.");
        }

        ValidateRequest(in request);
        int client = request.ClientId;
        if ((uint)client >= (uint)_clientTask.Length)
        {
            ThrowClient(client, "unknown");
        }

        if (IsBusyBit(client))
        {
            ThrowClient(client, "busy");
        }

        if (!runner.IsAvailable(client))
        {
            ThrowClient(client, "unavailable");
        }

        var task = RentTask();
        long id = _nextTaskId++;
        var version = Model.Version;
        task.Id = id;
        task.Info = new TaskInfo(new TaskHandle(id), request, version, runner.Now);
        task.IsEnded = false;
        task.ResultsDelivered = 0;
        task.RunnerReleased = false;
        task.PendingRemoval = false;
        task.ResetExecuted();
        task.ComputeSeconds = 0;
        task.CommunicationSeconds = 0;
        task.BaseSnapshot = AcquireSnapshot(version);
        IndexId(task);
        _clientTask[client] = task;
        _busy[client >> 6] |= 1UL << client;
        if (_idle is not null)
        {
            RemoveIdle(client);
        }

        InFlightCount++;
        _recorder.RecordDispatch();
        if (double.IsFinite(request.TimeLimitSeconds))
        {
            runner.SetTimer(runner.Now + request.TimeLimitSeconds, -(1 + (((id & 0x7FFF_FFFFL) << 32) | (uint)task.Slot)));
        }

        runner.Launch(task);
        return task.Info.Handle;
    }

    bool ISchedulerContext.Cancel(TaskHandle task)
    {
        var t = FindLive(task.Id);
        if (t is null)
        {
            return false;
        }

        EndTask(t, TaskEndReason.Cancelled, notifyRunner: true);
        return true;
    }

    AggregationOutcome ISchedulerContext.Accept(in TaskResult result, in SubmitOptions options)
    {
        CheckCurrent(in result);
        _currentDecided = true;
        var before = Model.Version;
        var outcome = Aggregator.Submit(result.Update, in options);
        if (outcome.Accepted)
        {
            _recorder.RecordAccepted(outcome.Disposition, result.Staleness, result.Task.ClientId);
        }
        else
        {
            _recorder.RecordRejected(outcome.Reason == RejectionReason.None ? RejectionReason.InvalidOptions : outcome.Reason);
        }

        _recorder.RecordServerSteps(Model.Version.Value - before.Value, Now, fromFlush: false);
        return outcome;
    }

    void ISchedulerContext.Discard(in TaskResult result, RejectionReason reason)
    {
        CheckCurrent(in result);
        _currentDecided = true;
        _recorder.RecordRejected(reason == RejectionReason.None ? RejectionReason.DiscardedByScheduler : reason);
    }

    AggregationOutcome ISchedulerContext.Flush(in FlushOptions options)
    {
        var before = Model.Version;
        var outcome = Aggregator.Flush(in options);
        _recorder.RecordServerSteps(Model.Version.Value - before.Value, Now, fromFlush: true);
        return outcome;
    }

    void ISchedulerContext.SetTimer(double delaySeconds, long tag)
    {
        if (!double.IsFinite(delaySeconds) || delaySeconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(delaySeconds), delaySeconds, "The timer delay must be finite and ≥ 0.");
        }

        var runner = RequireRunner();
        long cookie = _nextCookie++;
        _timerTags[cookie] = tag;
        runner.SetTimer(runner.Now + delaySeconds, cookie);
    }

    void ISchedulerContext.RequestStop() => StopRequested = true;

    // ---------------------------------------------------------------- internals

    internal void ExecuteCore(EngineTask task)
    {
        var info = task.Info;
        var update = task.Result ??= RentResult();
        update.ClientId = info.ClientId;
        update.TaskId = info.Handle.Id;
        update.BaseVersion = info.BaseVersion;
        update.Kind = Workload.PayloadKind;
        update.SampleCount = 1;
        update.Loss = double.NaN;
        update.LocalSteps = info.Request.LocalSteps;
        update.ComputeSeconds = 0;
        update.CommunicationSeconds = 0;
        var work = new ClientWork(info.ClientId, info.Request.LocalSteps, info.Request.ClientLearningRate, info.Handle.Id);
        var random = t_taskRandom ??= new RandomSource(0);
        random.Reseed(_taskSeed, info.Handle.Id);
        Workload.Execute(in work, task.BaseSnapshot!.Vector, update, random);
        update.ComputeSeconds = task.ComputeSeconds;
        update.CommunicationSeconds = task.CommunicationSeconds;
        update.ClientId = info.ClientId;
        update.TaskId = info.Handle.Id;
        update.BaseVersion = info.BaseVersion;
    }

    private ClientUpdate PrepareUpload(EngineTask task, int uploadIndex)
    {
        var raw = task.Result!;
        var compressor = task.Request.Compressor;
        ClientUpdate delivered;
        if (compressor is null)
        {
            delivered = raw;
        }
        else
        {
            _scratch ??= new ClientUpdate(Model.Backend.Allocate(Model.Dimension));
            _scratch.CopyMetadataFrom(raw);
            var random = _compressionRandom;
            random.Reseed(_compressionSeed ^ unchecked((long)(0x9E3779B97F4A7C15UL * (ulong)(uploadIndex + 1))), task.Id);
            if (raw.Payload is CpuVector src && _scratch.Payload is CpuVector dst)
            {
                compressor.Compress(src.Span, dst.Span, random);
            }
            else
            {
                _compressSource ??= new float[Model.Dimension];
                _compressDestination ??= new float[Model.Dimension];
                raw.Payload.CopyTo(_compressSource);
                compressor.Compress(_compressSource, _compressDestination, random);
                _scratch.Payload.CopyFrom(_compressDestination);
            }

            delivered = _scratch;
        }

        delivered.UpdateId = _nextUpdateId++;
        return delivered;
    }

    private void EndTask(EngineTask task, TaskEndReason reason, bool notifyRunner)
    {
        task.IsEnded = true;
        InFlightCount--;
        _clientTask[task.ClientId] = null;
        _busy[task.ClientId >> 6] &= ~(1UL << task.ClientId);
        if (_idle is not null)
        {
            AddIdle(task.ClientId);
        }

        UnindexId(task);
        double now = Now;
        _recorder.RecordEnd(reason, now - task.Info.StartTime);
        if (!IsStopped)
        {
            _endNotifications.Enqueue(new TaskEnded(task.Info, reason, now, task.ResultsDelivered));
        }

        MarkPending(task);
        if (notifyRunner && !task.RunnerReleased)
        {
            _runner!.Cancel(task);
        }
    }

    private void MarkPending(EngineTask task)
    {
        if (!task.PendingRemoval)
        {
            task.PendingRemoval = true;
            _pending.Add(task);
        }
    }

    private void Enter() => _depth++;

    private void Exit()
    {
        if (_depth > 1)
        {
            _depth--;
            return;
        }

        try
        {
            while (_endNotifications.Count > 0 && !IsStopped)
            {
                var ended = _endNotifications.Dequeue();
                Scheduler.OnTaskEnded(this, in ended);
            }

            if (StopRequested && !IsStopped && _depth == 1)
            {
                // The runner decides when to call Stop(); nothing to do here.
            }

            Compact();
        }
        finally
        {
            _depth--;
        }
    }

    private void Compact()
    {
        for (int i = 0; i < _pending.Count; i++)
        {
            var task = _pending[i];
            task.PendingRemoval = false;

            if (task.RunnerReleased)
            {
                Recycle(task);
            }
        }

        _pending.Clear();
    }

    private EngineTask RentTask()
    {
        if (_freeTasks.Count > 0)
        {
            return _freeTasks.Pop();
        }

        var task = new EngineTask(this, _bySlot.Count);
        _bySlot.Add(task);
        if (_idRing.Length < 2 * _bySlot.Count)
        {
            GrowIdRing();
        }

        return task;
    }

    // Id index: ids are sequential, so ring[id & mask] is written in order (cache-friendly); an entry is cleared when
    // its task ends. A live task whose entry is needed by a newer id (it outlived `ring.Length` newer dispatches)
    // moves to a small dictionary.
    private void IndexId(EngineTask task)
    {
        ref int entry = ref _idRing[(int)(task.Id & (_idRing.Length - 1))];
        if (entry != 0)
        {
            var old = _bySlot[entry - 1];
            old.Evicted = true;
            _evicted.Add(old.Id, old);
        }

        entry = task.Slot + 1;
    }

    private void UnindexId(EngineTask task)
    {
        if (task.Evicted)
        {
            task.Evicted = false;
            _evicted.Remove(task.Id);
        }
        else
        {
            _idRing[(int)(task.Id & (_idRing.Length - 1))] = 0;
        }
    }

    private EngineTask? FindLive(long id)
    {
        if (id < 0)
        {
            return null;
        }

        int entry = _idRing[(int)(id & (_idRing.Length - 1))];
        if (entry != 0)
        {
            var task = _bySlot[entry - 1];
            if (task.Id == id)
            {
                return task.IsEnded ? null : task;
            }
        }

        return _evicted.TryGetValue(id, out var evicted) && !evicted.IsEnded ? evicted : null;
    }

    private void GrowIdRing()
    {
        int size = _idRing.Length;
        while (size < 2 * _bySlot.Count)
        {
            size *= 2;
        }

        var ring = new int[size];
        int mask = size - 1;
        foreach (var task in _bySlot)
        {
            if (task.Id < 0 || task.IsEnded)
            {
                continue;
            }

            if (task.Evicted)
            {
                task.Evicted = false;
                _evicted.Remove(task.Id);
            }

            ref int entry = ref ring[(int)(task.Id & mask)];
            if (entry != 0)
            {
                // Two live ids collide in the new ring: keep the newer one there, the older in the dictionary.
                var other = _bySlot[entry - 1];
                var older = other.Id < task.Id ? other : task;
                older.Evicted = true;
                _evicted.Add(older.Id, older);
                entry = (older == other ? task : other).Slot + 1;
            }
            else
            {
                entry = task.Slot + 1;
            }
        }

        _idRing = ring;
    }

    /// <summary>
    /// A uniform draw among the idle, available clients in O(#idle) at worst (not O(n)): the set of idle clients is
    /// tracked from the first call on (O(1) per dispatch and end afterwards). −1 when there is none.
    /// </summary>
    internal int PickIdleUniform(Random random)
    {
        if (_idle is null)
        {
            _idle = new int[_clientTask.Length];
            _idlePosition = new int[_clientTask.Length];
            _idleCount = 0;
            for (int c = 0; c < _clientTask.Length; c++)
            {
                if (_clientTask[c] is null)
                {
                    _idlePosition[c] = _idleCount;
                    _idle[_idleCount++] = c;
                }
                else
                {
                    _idlePosition[c] = -1;
                }
            }
        }

        var runner = RequireRunner();
        for (int attempt = 0; attempt < 16 && _idleCount > 0; attempt++)
        {
            int c = _idle[random.Next(_idleCount)];
            if (runner.IsAvailable(c))
            {
                return c;
            }
        }

        int chosen = -1;
        int seen = 0;
        for (int i = 0; i < _idleCount; i++)
        {
            int c = _idle[i];
            if (runner.IsAvailable(c))
            {
                seen++;
                if (random.Next(seen) == 0)
                {
                    chosen = c;
                }
            }
        }

        return chosen;
    }

    // Busy flags as a bitset: the uniform pick tests random clients, and at n = 10⁶ the bitset (125 kB) stays in cache
    // where the task-reference array (8 MB) would cost a cache miss per test; the reference is written, never read, on
    // the hot path.
    private bool IsBusyBit(int client) => (_busy[client >> 6] & (1UL << client)) != 0;

    private void RemoveIdle(int client)
    {
        int pos = _idlePosition![client];
        if (pos < 0)
        {
            return;
        }

        int last = _idle![--_idleCount];
        _idle[pos] = last;
        _idlePosition[last] = pos;
        _idlePosition[client] = -1;
    }

    private void AddIdle(int client)
    {
        if (_idlePosition![client] >= 0)
        {
            return;
        }

        _idlePosition[client] = _idleCount;
        _idle![_idleCount++] = client;
    }

    private ClientUpdate RentResult()
    {
        lock (_freeResults)
        {
            if (_freeResults.Count > 0)
            {
                return _freeResults.Pop();
            }
        }

        return new ClientUpdate(Model.Backend.Allocate(Model.Dimension));
    }

    private void Recycle(EngineTask task)
    {
        var snapshot = task.BaseSnapshot;
        task.BaseSnapshot = null;
        if (snapshot is not null)
        {
            ReleaseSnapshot(snapshot);
        }

        var result = task.Result;
        task.Result = null;
        if (result is not null)
        {
            lock (_freeResults)
            {
                _freeResults.Push(result);
            }
        }

        task.Id = -1;
        _freeTasks.Push(task);
    }

    private Snapshot AcquireSnapshot(ModelVersion version)
    {
        if (_latest is null || _latest.Version != version.Value)
        {
            if (_latest is not null)
            {
                ReleaseSnapshot(_latest);
            }

            var snapshot = _freeSnapshots.Count > 0 ? _freeSnapshots.Pop() : new Snapshot(Model.Backend.Allocate(Model.Dimension));
            Model.Backend.Copy(Model.Parameters, snapshot.Vector);
            snapshot.Version = version.Value;
            snapshot.References = 1; // held by _latest
            _latest = snapshot;
        }

        _latest.References++;
        return _latest;
    }

    private void ReleaseSnapshot(Snapshot snapshot)
    {
        if (--snapshot.References == 0)
        {
            snapshot.Version = -1;
            _freeSnapshots.Push(snapshot);
        }
    }

    private ITaskRunner RequireRunner() =>
        _runner ?? throw new InvalidOperationException("No runner is attached: run the server under a clock (VirtualClockSimulator, RealTimeRunner).");

    private void CheckCurrent(in TaskResult result)
    {
        if (_currentTask is null || _currentDecided || !ReferenceEquals(result.Task, _currentTask.Info) || result.UploadIndex != _currentUpload)
        {
            ThrowNotCurrent();
        }
    }

    private static void ValidateRequest(in TaskRequest request)
    {
        if (request.LocalSteps < 1 || request.Uploads < 1 || double.IsNaN(request.TimeLimitSeconds) || request.TimeLimitSeconds <= 0
            || (!double.IsNaN(request.ClientLearningRate) && (!double.IsFinite(request.ClientLearningRate) || request.ClientLearningRate < 0)))
        {
            ThrowBadRequest(in request);
        }
    }

    [DoesNotReturn]
    private static void ThrowBadRequest(in TaskRequest request) =>
        throw new ArgumentException(
            $"Invalid task request {request}: LocalSteps and Uploads must be ≥ 1, TimeLimitSeconds > 0 (not NaN), ClientLearningRate finite and ≥ 0 or NaN.",
            nameof(request));

    [DoesNotReturn]
    private static void ThrowClient(int client, string what) =>
        throw new InvalidOperationException($"Cannot dispatch to client {client}: it is {what}.");

    [DoesNotReturn]
    private static void ThrowNotCurrent() =>
        throw new InvalidOperationException(
            "Accept/Discard must be called once, during OnResult, with the result being delivered (a result is decided exactly once).");

    [DoesNotReturn]
    private static void ThrowEnded(EngineTask task) =>
        throw new InvalidOperationException($"Task {task.Id} has ended (or training stopped): its results must not be delivered.");

    [DoesNotReturn]
    private static void ThrowUploadOrder(EngineTask task, int uploadIndex) =>
        throw new InvalidOperationException(
            $"Task {task.Id}: upload {uploadIndex} delivered, expected {task.ResultsDelivered} of {task.Request.Uploads}.");

    /// <summary>A live, allocation-free view of the in-flight tasks (tolerates dispatch and cancel while enumerating).</summary>
    private sealed class InFlightView(FederatedServer server) : IReadOnlyCollection<TaskInfo>
    {
        public int Count => server.InFlightCount;

        public Enumerator GetEnumerator() => new(server._bySlot);

        IEnumerator<TaskInfo> IEnumerable<TaskInfo>.GetEnumerator() => GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public struct Enumerator(List<EngineTask> list) : IEnumerator<TaskInfo>
        {
            private int _index = -1;

            public readonly TaskInfo Current => list[_index].Info;

            readonly object IEnumerator.Current => Current;

            public bool MoveNext()
            {
                while (++_index < list.Count)
                {
                    var task = list[_index];
                    if (task.Id >= 0 && !task.IsEnded)
                    {
                        return true;
                    }
                }

                return false;
            }

            public void Reset() => _index = -1;

            public readonly void Dispose()
            {
            }
        }
    }
}

/// <summary>The exactly-once accounting of a run: every dispatched task ends once, every result is decided once.</summary>
/// <param name="Dispatched">Tasks dispatched.</param>
/// <param name="Completed">Tasks whose results all arrived.</param>
/// <param name="Cancelled">Tasks cancelled by the scheduler.</param>
/// <param name="TimedOut">Tasks past their time limit.</param>
/// <param name="Dropped">Tasks whose client failed.</param>
/// <param name="Abandoned">Tasks in flight when training stopped.</param>
/// <param name="InFlight">Tasks still running.</param>
/// <param name="ResultsDelivered">Results delivered to the scheduler.</param>
/// <param name="ResultsAccepted">Results applied or buffered.</param>
/// <param name="ResultsRejected">Results rejected or discarded (undecided included).</param>
/// <param name="ResultsUndecided">Results the scheduler left undecided.</param>
public readonly record struct TaskAccounting(
    long Dispatched,
    long Completed,
    long Cancelled,
    long TimedOut,
    long Dropped,
    long Abandoned,
    int InFlight,
    long ResultsDelivered,
    long ResultsAccepted,
    long ResultsRejected,
    long ResultsUndecided)
{
    /// <summary>Tasks that ended, all reasons.</summary>
    public long Ended => Completed + Cancelled + TimedOut + Dropped + Abandoned;

    /// <summary>Whether every task is accounted for (ended + in flight = dispatched) and every result decided once.</summary>
    public bool IsBalanced => Ended + InFlight == Dispatched && ResultsAccepted + ResultsRejected == ResultsDelivered;
}
