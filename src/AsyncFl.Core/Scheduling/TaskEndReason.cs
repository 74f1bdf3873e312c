namespace AsyncFl;

/// <summary>How a task ended.</summary>
public enum TaskEndReason
{
    /// <summary>All its results arrived.</summary>
    Completed = 0,

    /// <summary>The scheduler cancelled it.</summary>
    Cancelled = 1,

    /// <summary>It ran past its <see cref="TaskRequest.TimeLimitSeconds"/>.</summary>
    TimedOut = 2,

    /// <summary>The client failed or went offline mid-task.</summary>
    Dropped = 3,

    /// <summary>Training stopped while it was in flight.</summary>
    Abandoned = 4,
}
