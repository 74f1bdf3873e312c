namespace AsyncFl.Cli.Running;

/// <summary>Why a strategy's run ended.</summary>
internal enum StopReason
{
    /// <summary>The target loss or accuracy was reached.</summary>
    TargetReached,

    /// <summary>The simulated-time budget ran out.</summary>
    MaxSimulatedTime,

    /// <summary>The step budget ran out.</summary>
    MaxSteps,

    /// <summary>The scheduler or engine ended training by itself.</summary>
    Finished,

    /// <summary>The user pressed Ctrl+C.</summary>
    Interrupted,
}
