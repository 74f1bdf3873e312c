namespace AsyncFl;

/// <summary>
/// A scheduling policy: decides which client works on what and when, judges each result on arrival (accept with
/// a weight, or discard), cancels and restarts in-flight work, and says when buffered updates become a server
/// step. Naive / delay-adaptive ASGD, Rennala, Ringmaster (both variants), Shadowheart, MindFlayer, ATA, cohort
/// squeeze and synchronous FedAvg rounds are all schedulers.
/// </summary>
/// <remarks>
/// The engine calls a scheduler from one thread at a time (the event loop), in time order, under either clock;
/// a scheduler therefore needs no locking and must not know which clock runs it. All effects go through the
/// <see cref="ISchedulerContext"/>. Every result handed to <see cref="OnResult"/> must be either accepted or
/// discarded through the context before the call returns (the engine discards, and counts, any result left
/// undecided).
/// </remarks>
public interface IScheduler
{
    /// <summary>A short description with the parameters.</summary>
    string Name { get; }

    /// <summary>Called once when training starts: dispatch the initial work.</summary>
    /// <param name="context">The engine.</param>
    void OnStart(ISchedulerContext context);

    /// <summary>A result arrived (one of <see cref="TaskRequest.Uploads"/> for its task).</summary>
    /// <param name="context">The engine.</param>
    /// <param name="result">The result, with its staleness at arrival.</param>
    void OnResult(ISchedulerContext context, in TaskResult result);

    /// <summary>A task ended: all its results delivered, cancelled, timed out or dropped. Its client is idle again.</summary>
    /// <param name="context">The engine.</param>
    /// <param name="ended">How the task ended.</param>
    void OnTaskEnded(ISchedulerContext context, in TaskEnded ended);

    /// <summary>An idle client became available (came online).</summary>
    /// <param name="context">The engine.</param>
    /// <param name="clientId">The client.</param>
    void OnClientAvailable(ISchedulerContext context, int clientId);

    /// <summary>A timer set with <see cref="ISchedulerContext.SetTimer"/> fired.</summary>
    /// <param name="context">The engine.</param>
    /// <param name="tag">The tag given when the timer was set.</param>
    void OnTimer(ISchedulerContext context, long tag);
}
