namespace AsyncFl.Cli.Output;

/// <summary>summary.json: the headline numbers of a run (deterministic: no wall-clock values).</summary>
internal sealed class RunSummary
{
    /// <summary>The experiment's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The seed used.</summary>
    public long Seed { get; set; }

    /// <summary>The target loss, if any.</summary>
    public double? TargetLoss { get; set; }

    /// <summary>The target accuracy, if any.</summary>
    public double? TargetAccuracy { get; set; }

    /// <summary>The strategy speed-ups are measured against.</summary>
    public string? Baseline { get; set; }

    /// <summary>Whether the run was stopped with Ctrl+C.</summary>
    public bool Interrupted { get; set; }

    /// <summary>Side of each PNG plot in pixels (width × height).</summary>
    public int PlotWidth { get; set; }

    /// <summary>Height of each PNG plot in pixels.</summary>
    public int PlotHeight { get; set; }

    /// <summary>One entry per strategy that ran.</summary>
    public List<StrategySummary> Strategies { get; set; } = [];
}
