namespace AsyncFl.Testing;

/// <summary>What a <see cref="ManualStep"/> does on a <see cref="ManualRunner"/>.</summary>
public enum ManualStepKind
{
    /// <summary>Delivers the next upload of a running task (its last upload completes it).</summary>
    Deliver = 0,

    /// <summary>The task's client fails: the task ends as <see cref="TaskEndReason.Dropped"/>.</summary>
    Drop = 1,

    /// <summary>The clock moves forward; timers that fall due fire in order (time limits end tasks as
    /// <see cref="TaskEndReason.TimedOut"/>).</summary>
    Advance = 2,

    /// <summary>A client goes offline (its running task, if any, is dropped).</summary>
    GoOffline = 3,

    /// <summary>A client comes back online (the scheduler hears of it when the client is idle).</summary>
    GoOnline = 4,
}
