namespace AsyncFl.Cli.Config;

/// <summary>A group of identical devices.</summary>
internal sealed class TierConfig
{
    /// <summary>A named tier (flagship-phone, budget-phone, iot-sensor, edge-server, data-centre-silo) or "custom".</summary>
    public string? Tier { get; set; }

    /// <summary>How many devices of this tier.</summary>
    public int Count { get; set; }

    /// <summary>Overrides the tier's seconds per unit of local work.</summary>
    public double? ComputeSeconds { get; set; }

    /// <summary>Overrides the tier's per-unit random delay: the mean (seconds) of an exponential delay added per unit of work.</summary>
    public double? ComputeNoise { get; set; }

    /// <summary>Overrides the spread between devices of the tier (τ_i = computeSeconds · exp(s·Z), Z ~ N(0, 1)).</summary>
    public double? SpeedSpread { get; set; }

    /// <summary>Overrides the download bandwidth (megabits per second).</summary>
    public double? DownloadMbps { get; set; }

    /// <summary>Overrides the upload bandwidth (megabits per second).</summary>
    public double? UploadMbps { get; set; }

    /// <summary>Overrides the one-way latency (milliseconds).</summary>
    public double? LatencyMs { get; set; }

    /// <summary>Overrides the probability that a task fails mid-way.</summary>
    public double? DropoutProbability { get; set; }

    /// <summary>When the devices are online; null means always.</summary>
    public AvailabilityConfig? Availability { get; set; }
}
