using AsyncFl.Engine;

namespace AsyncFl.Testing;

/// <summary>
/// A clock that does nothing by itself: the test decides when each upload arrives, which task fails, when time moves
/// (firing the engine's timers, so time limits end tasks) and which client goes offline. Every interleaving the
/// engine's protocol allows can be produced, and a generated one (<see cref="Arbitraries.Interleavings"/>) can be
/// shrunk. Keeps the runner's side of the protocol itself: executes a task's work on first delivery and releases every
/// task exactly once.
/// </summary>
/// <remarks>Single-threaded: call it from the test's thread only.</remarks>
public sealed class ManualRunner : ITaskRunner
{
    private readonly bool[] _online;
    private readonly List<EngineTask> _running = [];
    private readonly List<long> _cancelled = [];
    private readonly PriorityQueue<long, (double Due, long Order)> _timers = new();
    private long _timerOrder;
    private IRunnerPort? _port;

    /// <summary>Creates a clock for <paramref name="clientCount"/> clients, all online, at time 0.</summary>
    /// <param name="clientCount">Number of clients, ≥ 1.</param>
    public ManualRunner(int clientCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clientCount, 1);
        ClientCount = clientCount;
        _online = new bool[clientCount];
        Array.Fill(_online, true);
    }

    /// <inheritdoc />
    public double Now { get; private set; }

    /// <inheritdoc />
    public int ClientCount { get; }

    /// <summary>Tasks launched and not released, oldest first.</summary>
    public IReadOnlyList<EngineTask> Running => _running;

    /// <summary>Ids of the tasks the server stopped (cancelled, timed out, abandoned), in order.</summary>
    public IReadOnlyList<long> Cancelled => _cancelled;

    /// <summary>Timers the engine set that have not fired.</summary>
    public int PendingTimers => _timers.Count;

    /// <summary>The port of the attached server.</summary>
    /// <exception cref="InvalidOperationException">No server is attached.</exception>
    public IRunnerPort Port => _port ?? throw new InvalidOperationException("Attach a server first (ManualRunner.Attach).");

    /// <summary>Attaches <paramref name="server"/> to this clock (does not start it).</summary>
    /// <param name="server">A built server that was never attached.</param>
    /// <returns>The port.</returns>
    public IRunnerPort Attach(FederatedServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (_port is not null)
        {
            throw new InvalidOperationException("A server is already attached to this ManualRunner.");
        }

        _port = server.Attach(this);
        return _port;
    }

    /// <summary>Starts training (the scheduler's first callback).</summary>
    public void Start() => Port.Start();

    /// <summary>Ends training: tasks still running end as abandoned and are released.</summary>
    public void Stop() => Port.Stop();

    /// <inheritdoc />
    public bool IsAvailable(int clientId) => (uint)clientId < (uint)_online.Length && _online[clientId];

    /// <inheritdoc />
    void ITaskRunner.Launch(EngineTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        _running.Add(task);
    }

    /// <inheritdoc />
    void ITaskRunner.Cancel(EngineTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        _cancelled.Add(task.Id);
        if (_running.Remove(task))
        {
            Port.Release(task);
        }
    }

    /// <inheritdoc />
    void ITaskRunner.SetTimer(double dueTime, long cookie) => _timers.Enqueue(cookie, (Math.Max(dueTime, Now), _timerOrder++));

    /// <summary>Delivers the next upload of <paramref name="task"/>; after its last upload the task is released.</summary>
    /// <param name="task">A task in <see cref="Running"/>.</param>
    public void Deliver(EngineTask task)
    {
        RequireRunning(task);
        var key = task.Key;
        task.Execute();
        int upload = task.ResultsDelivered;
        Port.DeliverResult(task, upload);
        if (task.Key == key && (task.IsEnded || upload == task.Request.Uploads - 1) && _running.Remove(task))
        {
            Port.Release(task);
        }
    }

    /// <summary>The task's client fails: the task ends as dropped and is released.</summary>
    /// <param name="task">A task in <see cref="Running"/>.</param>
    public void Drop(EngineTask task)
    {
        RequireRunning(task);
        var key = task.Key;
        Port.ReportDropped(task);
        if (task.Key == key && _running.Remove(task))
        {
            Port.Release(task);
        }
    }

    /// <summary>Moves the clock forward by <paramref name="seconds"/>, firing due timers in time order (each at its own
    /// due time).</summary>
    /// <param name="seconds">≥ 0 and finite.</param>
    public void Advance(double seconds)
    {
        if (!(seconds >= 0 && double.IsFinite(seconds)))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "Advance by a finite number of seconds ≥ 0.");
        }

        double target = Now + seconds;
        while (_timers.TryPeek(out long cookie, out var due) && due.Due <= target)
        {
            _timers.Dequeue();
            Now = due.Due;
            Port.TimerFired(cookie);
        }

        Now = target;
    }

    /// <summary>Takes a client offline or brings it back. Going offline drops its running task; coming online tells the
    /// scheduler when the client is idle.</summary>
    /// <param name="clientId">The client.</param>
    /// <param name="online">The new state.</param>
    public void SetOnline(int clientId, bool online)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(clientId);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(clientId, ClientCount);
        if (_online[clientId] == online)
        {
            return;
        }

        _online[clientId] = online;
        var task = Port.TaskOfClient(clientId);
        if (!online && task is not null && _running.Contains(task))
        {
            Drop(task);
        }
        else if (online && task is null)
        {
            Port.ClientAvailable(clientId);
        }
    }

    /// <summary>Runs one generated step (indices taken modulo what exists; a step with nothing to act on does nothing).</summary>
    /// <param name="step">The step.</param>
    public void Apply(ManualStep step)
    {
        switch (step.Kind)
        {
            case ManualStepKind.Deliver when _running.Count > 0:
                Deliver(_running[Index(step.Index, _running.Count)]);
                break;
            case ManualStepKind.Drop when _running.Count > 0:
                Drop(_running[Index(step.Index, _running.Count)]);
                break;
            case ManualStepKind.Advance:
                Advance(step.Seconds);
                break;
            case ManualStepKind.GoOffline:
                SetOnline(Index(step.Index, ClientCount), false);
                break;
            case ManualStepKind.GoOnline:
                SetOnline(Index(step.Index, ClientCount), true);
                break;
            default:
                break;
        }
    }

    private static int Index(int index, int count) => (int)((uint)index % (uint)count);

    private void RequireRunning(EngineTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!_running.Contains(task))
        {
            throw new InvalidOperationException($"Task {task.Id} is not running on this ManualRunner.");
        }
    }
}
