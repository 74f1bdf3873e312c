namespace AsyncFl.Cli.Config;

/// <summary>When a strategy's run stops (the first rule met ends it).</summary>
internal sealed class StopConfig
{
    /// <summary>Simulated seconds.</summary>
    public double? MaxSimulatedSeconds { get; set; }

    /// <summary>Stop when the loss (f(x) − f* for synthetic objectives) reaches this.</summary>
    public double? TargetLoss { get; set; }

    /// <summary>Stop when the test accuracy reaches this (real models).</summary>
    public double? TargetAccuracy { get; set; }

    /// <summary>Stop after this many server steps (model versions).</summary>
    public long? MaxSteps { get; set; }

    /// <summary>Keep running after the target is reached until another rule stops the run (default false).</summary>
    public bool? ContinueAfterTarget { get; set; }
}
