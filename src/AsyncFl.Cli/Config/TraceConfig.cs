namespace AsyncFl.Cli.Config;

/// <summary>How the metrics are sampled.</summary>
internal sealed class TraceConfig
{
    /// <summary>Simulated seconds between rows of metrics.csv.</summary>
    public double? IntervalSeconds { get; set; }
}
