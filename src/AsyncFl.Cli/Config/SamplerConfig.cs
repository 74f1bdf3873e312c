namespace AsyncFl.Cli.Config;

/// <summary>A client sampler.</summary>
internal sealed class SamplerConfig
{
    /// <summary>"uniform", "uniform-with-replacement", "importance" or "round-robin".</summary>
    public string? Kind { get; set; }

    /// <summary>Minimum inclusion probability (fairness floor) in [0, 1].</summary>
    public double? Floor { get; set; }
}
