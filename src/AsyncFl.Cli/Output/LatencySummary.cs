namespace AsyncFl.Cli.Output;

/// <summary>Client latency: exact percentiles (nearest rank, from the engine's statistics).</summary>
internal sealed class LatencySummary
{
    /// <summary>Completed tasks measured.</summary>
    public long Count { get; set; }

    /// <summary>Mean seconds.</summary>
    public double? Mean { get; set; }

    /// <summary>Median seconds.</summary>
    public double? P50 { get; set; }

    /// <summary>90th percentile seconds.</summary>
    public double? P90 { get; set; }

    /// <summary>99th percentile seconds.</summary>
    public double? P99 { get; set; }

    /// <summary>The 0th, 1st, …, 100th percentiles (the CDF plot's data).</summary>
    public double[] Percentiles { get; set; } = [];
}
