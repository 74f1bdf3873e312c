namespace AsyncFl;

/// <summary>What a scheduler can see and do. Implemented by the engine; valid only during a callback.</summary>
public interface ISchedulerContext
{
    /// <summary>Seconds since training started on the engine's clock (virtual or real).</summary>
    double Now { get; }

    /// <summary>The global model's current version.</summary>
    ModelVersion Version { get; }

    /// <summary>The global model (read-only for schedulers).</summary>
    GlobalModel Model { get; }

    /// <summary>Number of clients (workers); ids are <c>0 … ClientCount−1</c>.</summary>
    int ClientCount { get; }

    /// <summary>The engine's seeded random source for scheduling decisions.</summary>
    RandomSource Random { get; }

    /// <summary>Whether the client is online now (availability windows; an unavailable client cannot be dispatched).</summary>
    /// <param name="clientId">The client.</param>
    bool IsAvailable(int clientId);

    /// <summary>Whether the client is working on a task now.</summary>
    /// <param name="clientId">The client.</param>
    bool IsBusy(int clientId);

    /// <summary>
    /// Draws a client uniformly among the idle, available ones with <see cref="Random"/>, in O(1) expected time
    /// whatever the number of clients (the engine keeps the idle set). False when every client is busy or offline.
    /// </summary>
    /// <param name="clientId">The client drawn, or −1.</param>
    /// <returns>Whether a client was drawn.</returns>
    bool TryPickIdleClient(out int clientId);

    /// <summary>Number of tasks in flight.</summary>
    int InFlightCount { get; }

    /// <summary>The tasks in flight (a live view; do not keep it across callbacks).</summary>
    IReadOnlyCollection<TaskInfo> InFlight { get; }

    /// <summary>
    /// Starts a task on an idle, available client from the current model (its base version is <see cref="Version"/>).
    /// </summary>
    /// <param name="request">What to do.</param>
    /// <returns>The task's handle.</returns>
    /// <exception cref="InvalidOperationException">The client is busy, unavailable or unknown.</exception>
    TaskHandle Dispatch(in TaskRequest request);

    /// <summary>Cancels an in-flight task (its partial work is lost); <see cref="IScheduler.OnTaskEnded"/> follows with
    /// <see cref="TaskEndReason.Cancelled"/>. Returns false if the task already ended.</summary>
    /// <param name="task">The task.</param>
    bool Cancel(TaskHandle task);

    /// <summary>Hands an arrived result to the aggregator.</summary>
    /// <param name="result">The result being judged.</param>
    /// <param name="options">Extra weight and learning rate for this update.</param>
    /// <returns>The aggregator's outcome (it may still reject hostile input).</returns>
    AggregationOutcome Accept(in TaskResult result, in SubmitOptions options);

    /// <summary>Drops an arrived result without aggregating it; counted under <paramref name="reason"/>.</summary>
    /// <param name="result">The result.</param>
    /// <param name="reason">Why (usually <see cref="RejectionReason.TooStale"/> or <see cref="RejectionReason.DiscardedByScheduler"/>).</param>
    void Discard(in TaskResult result, RejectionReason reason);

    /// <summary>Applies the aggregator's buffer now as one server step.</summary>
    /// <param name="options">How to normalise.</param>
    AggregationOutcome Flush(in FlushOptions options);

    /// <summary>Asks for <see cref="IScheduler.OnTimer"/> after <paramref name="delaySeconds"/> seconds.</summary>
    /// <param name="delaySeconds">Delay, ≥ 0.</param>
    /// <param name="tag">Passed back to the callback.</param>
    void SetTimer(double delaySeconds, long tag);

    /// <summary>Ends training after the current callback (in-flight tasks are cancelled).</summary>
    void RequestStop();
}
