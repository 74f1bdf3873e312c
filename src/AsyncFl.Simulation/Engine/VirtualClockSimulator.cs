using AsyncFl.Engine;

namespace AsyncFl.Simulation;

/// <summary>
/// The virtual clock: a deterministic discrete-event simulation of a device fleet running a
/// <see cref="FederatedServer"/>. Events (result arrivals, dropouts, timers, availability changes) sit in a priority
/// queue ordered by (simulated time, sequence number), cancelled lazily by task id; each costs O(log n). Durations
/// come from an <see cref="IDeviceFleet"/>: download of the model, compute for the task's local steps, then one
/// upload per result (compressed size when the task has a compressor); a drawn failure drops the task at its time;
/// a device going offline mid-task drops it. The same seed gives a bit-identical model and identical statistics.
/// </summary>
/// <remarks>
/// <para>Client compute runs, by default, on the event thread when a task's first result is processed (a dropped or
/// cancelled task costs nothing, and a task in flight holds no result vector, only its base snapshot), from the
/// snapshot taken at dispatch and the task's own random stream, so the model does not depend on when the computation
/// runs. With <see cref="SimulationOptions.MaxDegreeOfParallelism"/> &gt; 1, worker threads compute in-flight tasks
/// ahead (earliest completion first, at most <see cref="SimulationOptions.MaxResultsAhead"/> results held at once)
/// while the event loop still applies results strictly in simulated-time order: the run is bit-identical to the
/// serial one.</para>
/// <para>Cost per event: a 4-ary heap of 24-byte entries (time, sequence, packed payload), with the popped event's
/// slot reused by the first event its handler pushes (one sift instead of two); no allocation per event or task other
/// than the task's <see cref="TaskInfo"/>.</para>
/// <para>Random streams: the fleet's draws for task <c>t</c> use <c>RandomSource.Create(fleetSeed, t)</c> with
/// <c>fleetSeed</c> derived from the server's seed, so they do not depend on the order of other tasks.</para>
/// </remarks>
public sealed class VirtualClockSimulator : ITaskRunner
{
    private const int KindShift = 62;
    private const ulong KindResult = 0UL;
    private const ulong KindDrop = 1UL;
    private const ulong KindTimer = 2UL;
    private const ulong KindAvailability = 3UL;
    private const ulong PayloadMask = (1UL << KindShift) - 1; // a TaskKey packs into the 62 bits below the kind

    private readonly FederatedServer _server;
    private readonly IRunnerPort _port;
    private readonly IDeviceFleet _fleet;
    private readonly SimulationOptions _options;
    private readonly EventHeap _queue = new();
    private readonly RandomSource _fleetRandom = new(0);
    private readonly long _fleetSeed;
    private readonly long _modelBytes;
    private readonly int _dimension;
    private readonly List<long> _timerCookies = [];
    private readonly Stack<int> _freeTimers = new();
    private SlotTimes[] _slotTimes = new SlotTimes[16];
    private ComputePool? _pool;
    private double _now;
    private long _events;
    private bool _ran;

    /// <summary>Creates the simulator and attaches it to <paramref name="server"/> (one client per device).</summary>
    /// <param name="server">The server (not yet attached to a runner).</param>
    /// <param name="fleet">The devices.</param>
    /// <param name="options">Stopping rules and trace; null for the defaults (run until nothing is left to do).</param>
    public VirtualClockSimulator(FederatedServer server, IDeviceFleet fleet, SimulationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(fleet);
        options ??= new SimulationOptions();
        options.Validate();
        _options = options.Clone();
        _server = server;
        _fleet = fleet;
        _fleetSeed = RandomSource.Create(server.Seed, 5).NextInt64();
        _dimension = server.Model.Dimension;
        _modelBytes = (long)_dimension * _options.BytesPerParameter;
        _port = server.Attach(this);
    }

    /// <summary>The server this simulator drives.</summary>
    public FederatedServer Server => _server;

    /// <summary>The fleet.</summary>
    public IDeviceFleet Fleet => _fleet;

    /// <inheritdoc />
    public double Now => _now;

    /// <inheritdoc />
    public int ClientCount => _fleet.Count;

    /// <summary>Events processed so far.</summary>
    public long Events => _events;

    /// <summary>Results computed ahead by worker threads (<see cref="SimulationOptions.MaxDegreeOfParallelism"/> &gt; 1); the
    /// rest were computed on the event thread when needed. 0 in a serial run.</summary>
    public long ResultsComputedAhead { get; private set; }

    /// <summary>Events waiting in the queue (stale ones included).</summary>
    public int QueuedEvents => _queue.Count;

    /// <inheritdoc />
    public bool IsAvailable(int clientId) => _fleet.IsAvailable(clientId, _now);

    /// <summary>Runs the simulation until a stopping rule fires or no event is left, then abandons in-flight tasks.</summary>
    /// <returns>Why it stopped, the simulated time, the event count and the statistics.</returns>
    public RunResult Run()
    {
        if (_ran)
        {
            throw new InvalidOperationException("Run was already called: a simulator runs once.");
        }

        _ran = true;
        if (_options.MaxDegreeOfParallelism > 1)
        {
            int ahead = _options.MaxResultsAhead > 0 ? _options.MaxResultsAhead : 4 * _options.MaxDegreeOfParallelism;
            _pool = new ComputePool(_options.MaxDegreeOfParallelism, ahead);
        }

        try
        {
            return RunCore();
        }
        finally
        {
            if (_pool is not null)
            {
                _pool.Dispose();
                ResultsComputedAhead = _pool.ComputedAhead;
            }
        }
    }

    private RunResult RunCore()
    {
        int n = _fleet.Count;
        for (int c = 0; c < n; c++)
        {
            double next = _fleet.NextAvailabilityChange(c, 0);
            if (double.IsFinite(next))
            {
                Push(next, (KindAvailability << KindShift) | (uint)c);
            }
        }

        var trace = _options.Trace;
        long traceSteps = _options.TraceEverySteps;
        double traceSeconds = _options.TraceEverySeconds;
        long nextTraceVersion = traceSteps > 0 ? traceSteps : long.MaxValue;
        double nextTraceTime = traceSeconds;
        long nextCheckVersion = _options.StopCheckEverySteps;
        long maxEvents = _options.MaxEvents ?? long.MaxValue;
        long maxSteps = _options.MaxServerSteps ?? long.MaxValue;
        double maxTime = _options.MaxTime;
        var stopWhen = _options.StopWhen;

        trace?.Invoke(new TracePoint(0, _server.Version, 0, _server));
        _port.Start();
        StopReason reason;
        while (true)
        {
            if (_server.StopRequested)
            {
                reason = StopReason.SchedulerRequested;
                break;
            }

            long version = _server.Version.Value;
            if (version >= maxSteps)
            {
                reason = StopReason.MaxServerSteps;
                break;
            }

            if (stopWhen is not null && version >= nextCheckVersion)
            {
                nextCheckVersion = version + _options.StopCheckEverySteps;
                if (stopWhen(_server))
                {
                    reason = StopReason.Predicate;
                    break;
                }
            }

            if (_events >= maxEvents)
            {
                reason = StopReason.MaxEvents;
                break;
            }

            if (_queue.Count == 0)
            {
                reason = StopReason.Idle;
                break;
            }

            double time = _queue.TopTime;
            if (time > maxTime)
            {
                _now = maxTime;
                reason = StopReason.MaxTime;
                break;
            }

            if (trace is not null)
            {
                // Trace points fall on the interval boundaries (the state there is the state before this event).
                while (time >= nextTraceTime)
                {
                    _now = nextTraceTime;
                    trace(new TracePoint(nextTraceTime, _server.Version, _events, _server));
                    nextTraceTime += traceSeconds;
                }
            }

            ulong payload = _queue.BeginPop();
            _now = time;
            _events++;
            Process(payload);
            _queue.EndPop();

            if (trace is not null && _server.Version.Value >= nextTraceVersion)
            {
                trace(new TracePoint(_now, _server.Version, _events, _server));
                nextTraceVersion = _server.Version.Value + traceSteps;
            }
        }

        // The statistics are taken after the stop, as on every clock: tasks still in flight have ended as Abandoned.
        _port.Stop();
        trace?.Invoke(new TracePoint(_now, _server.Version, _events, _server));
        return new RunResult(reason, _now, _events, _server.Version, _server.GetStatistics());
    }

    /// <inheritdoc />
    void ITaskRunner.Launch(EngineTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        int client = task.ClientId;
        var request = task.Request;
        var random = _fleetRandom;
        random.Reseed(_fleetSeed, task.Id);
        double download = _fleet.DownloadSeconds(client, _modelBytes);
        int samples = _options.SamplesOf?.Invoke(client) ?? 0;
        double compute = _fleet.ComputeSeconds(client, request.LocalSteps, samples, _now + download, random);
        long uploadBytes = (long)(request.Compressor?.TransmittedElements(_dimension) ?? _dimension) * _options.BytesPerParameter;
        double upload = _fleet.UploadSeconds(client, uploadBytes);
        if (!(download >= 0) || !(compute >= 0) || !(upload >= 0) || double.IsInfinity(download + compute + upload))
        {
            ThrowDurations(client, download, compute, upload);
        }

        task.ComputeSeconds = compute;
        task.CommunicationSeconds = download + upload * request.Uploads;
        double duration = download + compute + upload * request.Uploads;
        int slot = task.Slot;
        if (slot >= _slotTimes.Length)
        {
            Array.Resize(ref _slotTimes, Math.Max(_slotTimes.Length * 2, slot + 1));
        }

        ulong key = task.Key.Packed;
        double failAt = double.PositiveInfinity;
        if (_fleet.DrawFailure(client, duration, random, out double failAfter))
        {
            failAt = _now + Math.Max(0, failAfter);
            Push(failAt, (KindDrop << KindShift) | key);
        }

        if (request.Uploads > 1)
        {
            _slotTimes[slot] = new SlotTimes(upload, failAt); // read only between uploads
        }

        // Uploads arrive at t_j = now + download + compute + (j+1)·upload; each result event pushes the next one.
        double first = _now + download + compute + upload;
        if (first < failAt)
        {
            Push(first, (KindResult << KindShift) | key);
            _pool?.Enqueue(task, first);
        }
    }

    /// <inheritdoc />
    void ITaskRunner.Cancel(EngineTask task)
    {
        // Lazy cancellation: the task's queued events are skipped when popped (their id no longer matches).
        ReleaseTask(task);
    }

    /// <inheritdoc />
    void ITaskRunner.SetTimer(double dueTime, long cookie)
    {
        int index;
        if (_freeTimers.Count > 0)
        {
            index = _freeTimers.Pop();
            _timerCookies[index] = cookie;
        }
        else
        {
            index = _timerCookies.Count;
            _timerCookies.Add(cookie);
        }

        Push(Math.Max(dueTime, _now), (KindTimer << KindShift) | (uint)index);
    }

    private void Process(ulong payload)
    {
        switch (payload >> KindShift)
        {
            case KindResult:
            {
                var task = TaskOf(payload);
                if (task is null)
                {
                    return;
                }

                _pool?.WaitFor(task);
                var key = task.Key;
                int upload = task.ResultsDelivered;
                _port.DeliverResult(task, upload);
                if (task.Key != key || task.Id < 0)
                {
                    return; // ended and released inside the callback
                }

                if (upload == task.Request.Uploads - 1)
                {
                    ReleaseTask(task);
                }
                else if (!task.IsEnded)
                {
                    ref readonly var times = ref _slotTimes[task.Slot];
                    double next = _now + times.Upload;
                    if (next < times.FailAt)
                    {
                        Push(next, (KindResult << KindShift) | (payload & PayloadMask));
                    }
                }

                return;
            }

            case KindDrop:
            {
                var task = TaskOf(payload);
                if (task is not null)
                {
                    Drop(task);
                }

                return;
            }

            case KindTimer:
            {
                int index = (int)(uint)payload;
                long cookie = _timerCookies[index];
                _freeTimers.Push(index);
                _port.TimerFired(cookie);
                return;
            }

            default:
            {
                int client = (int)(uint)payload;
                bool online = _fleet.IsAvailable(client, _now);
                if (!online)
                {
                    var running = _port.TaskOfClient(client);
                    if (running is not null)
                    {
                        Drop(running);
                    }
                }
                else if (_port.TaskOfClient(client) is null)
                {
                    _port.ClientAvailable(client);
                }

                double next = _fleet.NextAvailabilityChange(client, _now);
                if (double.IsFinite(next))
                {
                    Push(Math.Max(next, _now), (KindAvailability << KindShift) | (uint)client);
                }

                return;
            }
        }
    }

    // The live task an event refers to, or null when that task ended (its slot may carry another task now).
    private EngineTask? TaskOf(ulong payload) =>
        _port.TryGetTask(TaskKey.Unpack(payload & PayloadMask), out var task) ? task : null;

    private void Drop(EngineTask task)
    {
        var key = task.Key;
        _port.ReportDropped(task);
        if (task.Key == key && task.Id >= 0)
        {
            ReleaseTask(task);
        }
    }

    private void ReleaseTask(EngineTask task)
    {
        _pool?.Settle(task);
        _port.Release(task);
    }

    private void Push(double time, ulong payload) => _queue.Push(time, payload);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowDurations(int client, double download, double compute, double upload) =>
        throw new InvalidOperationException(
            $"The fleet returned invalid durations for client {client}: download {download}, compute {compute}, upload {upload} (each must be finite and ≥ 0).");

    private readonly record struct SlotTimes(double Upload, double FailAt);
}
