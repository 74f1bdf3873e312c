namespace AsyncFl.Engine;

/// <summary>
/// A clock: runs the tasks a <see cref="FederatedServer"/> dispatches and tells the server, through the
/// <see cref="IRunnerPort"/> that <see cref="FederatedServer.Attach"/> returned, when something happens. The virtual
/// clock (<c>AsyncFl.Simulation.VirtualClockSimulator</c>) and the real clock (<see cref="RealTimeRunner"/>)
/// implement it; the scheduler never sees it.
/// </summary>
/// <remarks>
/// Threading: the server calls the runner from its event thread, and the runner calls the port from that same single
/// thread, one call at a time. Only <see cref="EngineTask.Execute"/> may run on other threads (one thread per task).
/// The protocol of a launched task is on <see cref="IRunnerPort"/>.
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
    /// <param name="task">The task; valid until the runner calls <see cref="IRunnerPort.Release"/>.</param>
    void Launch(EngineTask task);

    /// <summary>
    /// Stops <paramref name="task"/>: the server already ended it (cancelled, timed out, abandoned); no further
    /// result of it may be delivered. The runner calls <see cref="IRunnerPort.Release"/> once it no longer
    /// touches the task (at once, or when the client's work has stopped).
    /// </summary>
    /// <param name="task">The task.</param>
    void Cancel(EngineTask task);

    /// <summary>Asks for <see cref="IRunnerPort.TimerFired"/> with <paramref name="cookie"/> at time <paramref name="dueTime"/>.</summary>
    /// <param name="dueTime">Clock time (seconds since start), ≥ <see cref="Now"/>.</param>
    /// <param name="cookie">Passed back.</param>
    void SetTimer(double dueTime, long cookie);
}
