namespace AsyncFl.Engine;

/// <summary>Why a run stopped.</summary>
public enum StopReason
{
    /// <summary>Nothing was left to happen (no task in flight, no timer pending, no event queued).</summary>
    Idle = 0,

    /// <summary>The virtual clock reached <c>SimulationOptions.MaxTime</c>.</summary>
    MaxTime = 1,

    /// <summary>The model version reached the step bound.</summary>
    MaxServerSteps = 2,

    /// <summary>The event bound was reached (virtual clock).</summary>
    MaxEvents = 3,

    /// <summary>The user's stopping rule returned true.</summary>
    Predicate = 4,

    /// <summary>The scheduler called <see cref="ISchedulerContext.RequestStop"/>.</summary>
    SchedulerRequested = 5,

    /// <summary>The real clock ran for <see cref="RealTimeRunnerOptions.MaxDuration"/>.</summary>
    MaxDuration = 6,
}
