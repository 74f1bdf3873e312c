namespace AsyncFl.Cli.Output;

/// <summary>A strategy's headline numbers.</summary>
internal sealed class StrategySummary
{
    /// <summary>The strategy's label.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The scheduler and aggregator as built.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>Why it stopped (targetReached, maxSimulatedTime, maxSteps, finished, interrupted).</summary>
    public string StopReason { get; set; } = string.Empty;

    /// <summary>Simulated seconds at the end.</summary>
    public double SimulatedSeconds { get; set; }

    /// <summary>Final model version (server steps).</summary>
    public long Version { get; set; }

    /// <summary>Final loss.</summary>
    public double? FinalLoss { get; set; }

    /// <summary>Final accuracy, if the problem has one.</summary>
    public double? FinalAccuracy { get; set; }

    /// <summary>Updates applied.</summary>
    public long Applied { get; set; }

    /// <summary>Updates buffered.</summary>
    public long Buffered { get; set; }

    /// <summary>Updates rejected or discarded.</summary>
    public long Rejected { get; set; }

    /// <summary>Tasks dropped or timed out.</summary>
    public long Dropped { get; set; }

    /// <summary>Tasks cancelled by the scheduler.</summary>
    public long Cancelled { get; set; }

    /// <summary>Tasks dispatched.</summary>
    public long TasksDispatched { get; set; }

    /// <summary>Simulated seconds to reach the target, or null if it was not reached.</summary>
    public double? TimeToTarget { get; set; }

    /// <summary>Baseline's time-to-target divided by this one's, or null when either did not reach it.</summary>
    public double? SpeedupOverBaseline { get; set; }

    /// <summary>Mean staleness over every accepted update.</summary>
    public double? StalenessMean { get; set; }

    /// <summary>Results per staleness 0, 1, …; the last bucket holds everything larger.</summary>
    public long[] StalenessHistogram { get; set; } = [];

    /// <summary>Client latency statistics (dispatch to arrival).</summary>
    public LatencySummary Latency { get; set; } = new();

    /// <summary>Updates per client, indexed by client id.</summary>
    public long[] Participation { get; set; } = [];
}
