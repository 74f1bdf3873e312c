namespace AsyncFl.Cli.Config;

/// <summary>The clock.</summary>
internal sealed class ClockConfig
{
    /// <summary>"virtual" (deterministic simulation) or "real".</summary>
    public string? Kind { get; set; }

    /// <summary>Threads that compute in-flight clients' local training ahead of time (results stay bit-identical; default:
    /// the processor count for real models, 1 for synthetic objectives).</summary>
    public int? Workers { get; set; }
}
