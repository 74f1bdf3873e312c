namespace AsyncFl.Engine;

/// <summary>
/// A dispatched task as a runner sees it: the request, the base-model snapshot and the result buffer. Instances are
/// pooled by the <see cref="FederatedServer"/>: once the runner released a task (<see cref="IRunnerPort.Release"/>),
/// the same object may carry another one under a new <see cref="Key"/>, so runners keep the key and check it
/// (<see cref="IRunnerPort.TryGetTask"/>) before using an object they held on to.
/// </summary>
public sealed class EngineTask
{
    private readonly TaskExecutor _executor;
    private volatile bool _executed;

    internal EngineTask(TaskExecutor executor, int slot)
    {
        _executor = executor;
        Key = new TaskKey(slot, 0);
        Info = null!;
    }

    /// <summary>The task id (unique within a run, 0, 1, 2, … in dispatch order), or −1 while the object sits in the pool.</summary>
    public long Id { get; private set; } = -1;

    /// <summary>The pooled object's slot and generation: names this task, and no other, while it is in flight.</summary>
    public TaskKey Key { get; private set; }

    /// <summary>The slot of <see cref="Key"/>: a small, stable index of this pooled object (runners may keep per-slot arrays).</summary>
    public int Slot => Key.Slot;

    /// <summary>The task's description (handle, request, base version, start time).</summary>
    public TaskInfo Info { get; private set; }

    /// <summary>The client doing the task.</summary>
    public int ClientId => Info.Request.ClientId;

    /// <summary>What was asked.</summary>
    public TaskRequest Request => Info.Request;

    /// <summary>Whether the server has ended the task (its remaining results must not be delivered).</summary>
    public bool IsEnded { get; internal set; }

    /// <summary>How many results were delivered so far.</summary>
    public int ResultsDelivered { get; internal set; }

    /// <summary>Whether <see cref="Execute"/> has run for the current task.</summary>
    public bool IsExecuted => _executed;

    /// <summary>Seconds the client spent computing, as the runner measured or drew them (copied into the update).</summary>
    public double ComputeSeconds { get; set; }

    /// <summary>Seconds the client spent communicating, as the runner measured or drew them (copied into the update).</summary>
    public double CommunicationSeconds { get; set; }

    /// <summary>Whether the object carries a task that has not ended.</summary>
    internal bool IsLive => Id >= 0 && !IsEnded;

    internal Snapshot? BaseSnapshot { get; set; }

    /// <summary>The result buffer: rented from the server's pool when <see cref="Execute"/> runs (lazily, so a task in
    /// flight owns no d-sized vector until its work is computed), returned when the task is recycled.</summary>
    internal ClientUpdate? Result { get; set; }

    internal bool RunnerReleased { get; set; }

    internal bool PendingRemoval { get; set; }

    /// <summary>
    /// Runs the client's local work (<see cref="IClientWorkload.Execute"/>) from the base snapshot into the task's
    /// result buffer, with the task's own seeded random stream. Runs once per task (later calls do nothing); safe to
    /// call on any thread, concurrently for different tasks, before the first delivery. The model it reads is the
    /// snapshot taken at dispatch, so the result does not depend on when or where it runs.
    /// </summary>
    public void Execute()
    {
        if (_executed)
        {
            return;
        }

        _executor.Execute(this);
        _executed = true;
    }

    /// <summary>Makes the pooled object carry a new task (the slot's next generation).</summary>
    internal void Begin(long id, TaskInfo info, Snapshot baseSnapshot)
    {
        System.Diagnostics.Debug.Assert(Id < 0 && Result is null, "Only a recycled task object may begin a new task.");
        Id = id;
        Key = Key.Next();
        Info = info;
        IsEnded = false;
        ResultsDelivered = 0;
        RunnerReleased = false;
        PendingRemoval = false;
        _executed = false;
        ComputeSeconds = 0;
        CommunicationSeconds = 0;
        BaseSnapshot = baseSnapshot;
    }

    /// <summary>Returns the object to the pool: it carries no task until <see cref="Begin"/>.</summary>
    internal void Recycle() => Id = -1;
}
