namespace AsyncFl.Cli.Running;

/// <summary>What a strategy's run produced.</summary>
internal sealed class StrategyResult
{
    /// <summary>The strategy's label.</summary>
    public required string Name { get; init; }

    /// <summary>A description of the scheduler and aggregator as built (their Name properties).</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Why it ended.</summary>
    public StopReason StopReason { get; init; }

    /// <summary>The sampled trace, in time order; the last row is the final state.</summary>
    public required IReadOnlyList<TracePoint> Trace { get; init; }

    /// <summary>Simulated seconds until the target was first reached, or null.</summary>
    public double? TimeToTarget { get; init; }

    /// <summary>Count of accepted updates per staleness value 0, 1, …; the last bucket holds everything larger.</summary>
    public required long[] StalenessHistogram { get; init; }

    /// <summary>Updates each client contributed (accepted results), indexed by client id.</summary>
    public required long[] Participation { get; init; }

    /// <summary>The 0th, 1st, …, 100th percentiles of the client latency (dispatch to arrival, seconds); empty without completed tasks.</summary>
    public required double[] LatencyPercentiles { get; init; }

    /// <summary>Mean client latency (seconds); NaN without completed tasks.</summary>
    public double LatencyMean { get; init; } = double.NaN;

    /// <summary>Completed tasks behind the latency numbers.</summary>
    public long LatencyCount { get; init; }

    /// <summary>Tasks dispatched.</summary>
    public long TasksDispatched { get; init; }

    /// <summary>Tasks cancelled by the scheduler.</summary>
    public long TasksCancelled { get; init; }

    /// <summary>The final state.</summary>
    public TracePoint Final => Trace[^1];
}
