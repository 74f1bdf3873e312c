using AsyncFl.Backends;

namespace AsyncFl.Engine;

/// <summary>
/// A dispatched task as a runner sees it: the request, the base-model snapshot and the result buffer. Instances
/// are pooled by the <see cref="FederatedServer"/>: once the runner called <see cref="FederatedServer.Release"/>,
/// the same object may carry another task, so runners remember <see cref="Id"/> and compare it before use.
/// </summary>
public sealed class EngineTask
{
    private readonly FederatedServer _server;
    private volatile bool _executed;

    internal EngineTask(FederatedServer server, int slot)
    {
        _server = server;
        Slot = slot;
        Info = null!;
    }

    /// <summary>The task id (unique within a run), or −1 while the object sits in the pool.</summary>
    public long Id { get; internal set; } = -1;

    /// <summary>A small stable index of this pooled object (0, 1, 2, …): runners may keep per-slot arrays.</summary>
    public int Slot { get; }

    /// <summary>The task's description (handle, request, base version, start time).</summary>
    public TaskInfo Info { get; internal set; }

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

    internal Snapshot? BaseSnapshot { get; set; }

    /// <summary>The result buffer: rented from the server's pool when <see cref="Execute"/> runs (lazily, so a task in
    /// flight owns no d-sized vector until its work is computed), returned when the task is recycled.</summary>
    internal ClientUpdate? Result { get; set; }

    /// <summary>Whether the id index keeps this task in its overflow dictionary.</summary>
    internal bool Evicted { get; set; }

    internal bool RunnerReleased { get; set; }

    internal bool PendingRemoval { get; set; }

    /// <summary>
    /// Runs the client's local work (<see cref="IClientWorkload.Execute"/>) from the base snapshot into the task's
    /// result buffer, with the task's own seeded random stream. Runs once per task (later calls do nothing); safe
    /// to call on any thread, concurrently for different tasks, before the first delivery. The model it reads is
    /// the snapshot taken at dispatch, so the result does not depend on when or where it runs.
    /// </summary>
    public void Execute()
    {
        if (_executed)
        {
            return;
        }

        _server.ExecuteCore(this);
        _executed = true;
    }

    internal void ResetExecuted() => _executed = false;
}

/// <summary>A reference-counted copy of the global model at one version, shared by the tasks dispatched at it.</summary>
internal sealed class Snapshot
{
    public Snapshot(ParameterVector vector) => Vector = vector;

    public ParameterVector Vector { get; }

    public long Version { get; set; } = -1;

    public int References { get; set; }
}
