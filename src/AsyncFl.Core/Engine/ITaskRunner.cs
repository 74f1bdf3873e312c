namespace AsyncFl.Engine;

/// <summary>
/// The clock-facing port of a <see cref="FederatedServer"/>: runs the tasks the server dispatches and tells the
/// server when something happens. The virtual clock (<c>AsyncFl.Simulation.VirtualClockSimulator</c>) and the real
/// clock (<see cref="RealTimeRunner"/>) implement it; the scheduler never sees it.
/// </summary>
/// <remarks>
/// <para>Threading: the server calls the runner from its event thread, and the runner calls the server's entry
/// points (<see cref="FederatedServer.DeliverResult"/>, <see cref="FederatedServer.ReportDropped"/>,
/// <see cref="FederatedServer.ClientAvailable"/>, <see cref="FederatedServer.TimerFired"/>,
/// <see cref="FederatedServer.Release"/>) from that same single thread, one at a time. Only
/// <see cref="EngineTask.Execute"/> may run on other threads (one thread per task).</para>
/// <para>Protocol for each launched task: the runner delivers uploads <c>0 … Uploads−1</c> in order (each after
/// <see cref="EngineTask.Execute"/> ran, or the server runs it on first delivery), or reports a drop; after the
/// server ended the task it calls <see cref="Cancel"/> unless the runner itself caused the end (last upload,
/// drop). In every case the runner calls <see cref="FederatedServer.Release"/> exactly once when it will no longer
/// touch the task; until then the server does not reuse the task's buffers.</para>
/// </remarks>
public interface ITaskRunner
{
    /// <summary>Seconds since training started on this clock.</summary>
    double Now { get; }

    /// <summary>Number of clients; ids are <c>0 … ClientCount−1</c>.</summary>
    int ClientCount { get; }

    /// <summary>Whether the client is online now.</summary>
    /// <param name="clientId">The client.</param>
    bool IsAvailable(int clientId);

    /// <summary>Starts running <paramref name="task"/> (download, compute, uploads).</summary>
    /// <param name="task">The task; valid until the runner calls <see cref="FederatedServer.Release"/>.</param>
    void Launch(EngineTask task);

    /// <summary>
    /// Stops <paramref name="task"/>: the server already ended it (cancelled, timed out, abandoned); no further
    /// result of it may be delivered. The runner calls <see cref="FederatedServer.Release"/> once it no longer
    /// touches the task (at once, or when the client's work has stopped).
    /// </summary>
    /// <param name="task">The task.</param>
    void Cancel(EngineTask task);

    /// <summary>Asks for <see cref="FederatedServer.TimerFired"/> with <paramref name="cookie"/> at time <paramref name="dueTime"/>.</summary>
    /// <param name="dueTime">Clock time (seconds since start), ≥ <see cref="Now"/>.</param>
    /// <param name="cookie">Passed back.</param>
    void SetTimer(double dueTime, long cookie);
}
