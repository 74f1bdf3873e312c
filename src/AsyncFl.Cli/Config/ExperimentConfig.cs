namespace AsyncFl.Cli.Config;

/// <summary>One experiment: a fleet, a problem, the strategies to compare, the clock, the seed and when to stop.</summary>
internal sealed class ExperimentConfig
{
    /// <summary>A short name, used in the report title.</summary>
    public string? Name { get; set; }

    /// <summary>Free text describing the experiment.</summary>
    public string? Description { get; set; }

    /// <summary>The root seed of every random draw.</summary>
    public long Seed { get; set; } = 1;

    /// <summary>The simulated devices.</summary>
    public FleetConfig? Fleet { get; set; }

    /// <summary>The training data and how it is split between clients.</summary>
    public DataConfig? Data { get; set; }

    /// <summary>A synthetic objective (quadratic, least squares, logistic regression); exclusive with <see cref="Model"/>.</summary>
    public ObjectiveConfig? Objective { get; set; }

    /// <summary>A real model trained on real data (e.g. the CNN on Fashion-MNIST); exclusive with <see cref="Objective"/>.</summary>
    public ModelConfig? Model { get; set; }

    /// <summary>The strategies to compare, run one after the other on the same fleet and problem.</summary>
    public List<StrategyConfig>? Strategies { get; set; }

    /// <summary>Which clock runs the experiment.</summary>
    public ClockConfig? Clock { get; set; }

    /// <summary>When each strategy's run stops.</summary>
    public StopConfig? Stop { get; set; }

    /// <summary>How often the metrics are sampled.</summary>
    public TraceConfig? Trace { get; set; }
}
