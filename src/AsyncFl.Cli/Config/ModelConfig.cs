namespace AsyncFl.Cli.Config;

/// <summary>A real model.</summary>
internal sealed class ModelConfig
{
    /// <summary>"mlp" (784→hidden→10), "cnn" (the seed paper's CNN) or "cnn-small" (conv 5×5 8 → pool → conv 5×5 16 → pool → linear, 5,994 parameters).</summary>
    public string? Kind { get; set; }

    /// <summary>What a strategy's <c>localSteps</c> counts: "epochs" (default) or "steps" (minibatch steps).</summary>
    public string? LocalUnit { get; set; }

    /// <summary>Hidden units of the MLP (default 64).</summary>
    public int? Hidden { get; set; }

    /// <summary>Channels of the two convolutions of "cnn-small" (default [8, 16]).</summary>
    public int[]? Channels { get; set; }

    /// <summary>Mini-batch size of local training (default 64).</summary>
    public int? BatchSize { get; set; }

    /// <summary>The clients' local optimizer: "adam" (default) or "sgd".</summary>
    public string? Optimizer { get; set; }

    /// <summary>SGD momentum in [0, 1) (optimizer "sgd").</summary>
    public double? Momentum { get; set; }

    /// <summary>"cpu" or "cuda".</summary>
    public string? Device { get; set; }
}
