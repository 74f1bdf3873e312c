namespace AsyncFl.Cli.Config;

/// <summary>An aggregator and its options (each applies to some kinds only).</summary>
internal sealed class AggregatorConfig
{
    /// <summary>"fedavg", "fedasync", "fedbuff", "ca2fl", "afl" or "sgd".</summary>
    public string? Kind { get; set; }

    /// <summary>FedAsync mixing weight α in (0, 1].</summary>
    public double? Alpha { get; set; }

    /// <summary>FedBuff buffer size K ≥ 1.</summary>
    public int? BufferSize { get; set; }

    /// <summary>Server learning rate (fedbuff, afl, sgd), &gt; 0.</summary>
    public double? ServerLearningRate { get; set; }

    /// <summary>Server momentum in [0, 1) (fedbuff).</summary>
    public double? Momentum { get; set; }

    /// <summary>Server optimiser: "sgd", "adam", "yogi" or "adagrad" (fedbuff, afl).</summary>
    public string? ServerOptimizer { get; set; }

    /// <summary>AFL staleness-penalty exponent, ≥ 0.</summary>
    public double? Penalty { get; set; }

    /// <summary>Reject a second update of the same client inside one buffer (fedbuff, afl: default true; ca2fl: default false).</summary>
    public bool? OnePerClientPerBuffer { get; set; }

    /// <summary>ca2fl: server versions after which a cached update leaves the cache mean (≥ 0; default: never, as in the paper).</summary>
    public long? MaxCacheAge { get; set; }
}
