namespace AsyncFl.Engine;

/// <summary>
/// The face a clock (an <see cref="ITaskRunner"/>) drives a <see cref="FederatedServer"/> through, returned by
/// <see cref="FederatedServer.Attach"/>: the runner reports what happens (results, drops, availability, timers,
/// releases), starts and stops training. Schedulers never see it, and the server's public surface has none of it.
/// </summary>
/// <remarks>
/// <para>Every member is called from the runner's single event thread, one at a time; only
/// <see cref="EngineTask.Execute"/> may run on other threads (one thread per task).</para>
/// <para>Protocol for each launched task: deliver uploads <c>0 … Uploads−1</c> in order (each after
/// <see cref="EngineTask.Execute"/> ran, or the server runs it on first delivery), or report a drop; after the server
/// ended the task it calls <see cref="ITaskRunner.Cancel"/> unless the runner itself caused the end (last upload,
/// drop). In every case the runner calls <see cref="Release"/> exactly once when it will no longer touch the task;
/// until then the server does not reuse the task's buffers.</para>
/// </remarks>
public interface IRunnerPort
{
    /// <summary>The server this port drives.</summary>
    FederatedServer Server { get; }

    /// <summary>Starts training (the scheduler's <see cref="IScheduler.OnStart"/>). Call once.</summary>
    void Start();

    /// <summary>Upload <paramref name="uploadIndex"/> of <paramref name="task"/> arrived now.</summary>
    /// <param name="task">The task (not ended; uploads arrive in order).</param>
    /// <param name="uploadIndex">Which upload, equal to <see cref="EngineTask.ResultsDelivered"/>.</param>
    void DeliverResult(EngineTask task, int uploadIndex);

    /// <summary>The task's client failed or went offline: the task ends as <see cref="TaskEndReason.Dropped"/>
    /// (ignored if it already ended).</summary>
    /// <param name="task">The task.</param>
    /// <param name="cause">The exception the client's work threw, if that is why (it is logged); null for a plain dropout.</param>
    void ReportDropped(EngineTask task, Exception? cause = null);

    /// <summary>An idle client came online (the scheduler's <see cref="IScheduler.OnClientAvailable"/>).</summary>
    /// <param name="clientId">The client.</param>
    void ClientAvailable(int clientId);

    /// <summary>A timer the server set through <see cref="ITaskRunner.SetTimer"/> fired.</summary>
    /// <param name="cookie">The cookie given.</param>
    void TimerFired(long cookie);

    /// <summary>
    /// The runner no longer touches <paramref name="task"/>; if the server had not ended it, it ends as
    /// <see cref="TaskEndReason.Dropped"/> (the client's work failed). Call exactly once per launched task.
    /// </summary>
    /// <param name="task">The task.</param>
    void Release(EngineTask task);

    /// <summary>Ends training: every task in flight ends as <see cref="TaskEndReason.Abandoned"/> (the runner is told to
    /// cancel it; the scheduler is not called back). Idempotent.</summary>
    void Stop();

    /// <summary>The task in flight under <paramref name="key"/>, if it has not ended (its slot not reused).</summary>
    /// <param name="key">The key the runner kept (<see cref="EngineTask.Key"/>).</param>
    /// <param name="task">The task.</param>
    /// <returns>Whether the key still names a task in flight.</returns>
    bool TryGetTask(TaskKey key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EngineTask? task);

    /// <summary>The task the client is working on, or null when it is idle.</summary>
    /// <param name="clientId">The client.</param>
    /// <returns>The task.</returns>
    EngineTask? TaskOfClient(int clientId);
}
