namespace AsyncFl.Cli.Config;

/// <summary>A scheduler and its options (each applies to some kinds only).</summary>
internal sealed class SchedulerConfig
{
    /// <summary>"sync-rounds", "async", "asgd", "rennala", "ringmaster", "shadowheart", "mindflayer", "ata", "cohort-squeeze" or "auto".</summary>
    public string? Kind { get; set; }

    /// <summary>Clients per round (sync-rounds, cohort-squeeze) ≥ 1.</summary>
    public int? ClientsPerRound { get; set; }

    /// <summary>Clients working at once (async) ≥ 1; default: every client.</summary>
    public int? Concurrency { get; set; }

    /// <summary>Rennala batch S ≥ 1; ATA tasks per round B; the noise batch S of mindflayer, shadowheart and auto.</summary>
    public int? BatchSize { get; set; }

    /// <summary>Ringmaster delay threshold R ≥ 1.</summary>
    public int? DelayThreshold { get; set; }

    /// <summary>Ringmaster variant: "discard" (A) or "restart" (B).</summary>
    public string? Variant { get; set; }

    /// <summary>Seconds after which a task is cancelled (mindflayer), &gt; 0.</summary>
    public double? TimeLimitSeconds { get; set; }

    /// <summary>Coordinates K ≥ 1 each Shadowheart upload keeps (RandK compression); default: uncompressed.</summary>
    public int? RandK { get; set; }

    /// <summary>Local rounds per cohort (cohort-squeeze) ≥ 1.</summary>
    public int? SqueezeFactor { get; set; }

    /// <summary>Result weighting (async): "none" (default) or "inter-arrival" (participation debiasing, wᵢ = T̂ᵢ/T̄).</summary>
    public string? ParticipationWeighting { get; set; }
}
