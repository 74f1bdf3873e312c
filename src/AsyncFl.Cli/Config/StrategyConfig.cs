namespace AsyncFl.Cli.Config;

/// <summary>One strategy: how updates are scheduled and folded in.</summary>
internal sealed class StrategyConfig
{
    /// <summary>The strategy's label in tables and plots (unique).</summary>
    public string? Name { get; set; }

    /// <summary>Marks the synchronous baseline that speed-ups are measured against (default: the first strategy whose scheduler is sync-rounds).</summary>
    public bool? Baseline { get; set; }

    /// <summary>How updates are folded into the global model.</summary>
    public AggregatorConfig? Aggregator { get; set; }

    /// <summary>Who works on what, and when.</summary>
    public SchedulerConfig? Scheduler { get; set; }

    /// <summary>How clients are chosen.</summary>
    public SamplerConfig? Sampler { get; set; }

    /// <summary>The learning rate (server or client, as the strategy uses it).</summary>
    public LearningRateConfig? LearningRate { get; set; }

    /// <summary>A staleness policy wrapped around the aggregator.</summary>
    public StalenessConfig? Staleness { get; set; }

    /// <summary>Local work per task (gradients or local SGD steps).</summary>
    public int LocalSteps { get; set; } = 1;
}
