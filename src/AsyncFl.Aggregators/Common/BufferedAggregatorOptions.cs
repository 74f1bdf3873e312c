namespace AsyncFl.Aggregators;

/// <summary>Options shared by the buffered, delta-based aggregators (FedBuff, version-aware, AFL).</summary>
public abstract class BufferedAggregatorOptions : AggregatorOptions
{
    /// <summary>Updates per server step, K ≥ 1 (K = 1 applies every update at once).</summary>
    /// <value>The default value is 10 (FedBuff), 5 (AFL).</value>
    public int BufferSize { get; set; } = 10;

    /// <summary>The staleness weight <c>s(τ)</c>.</summary>
    /// <value>The default value is <c>1/√(1 + τ)</c> (FedBuff), <c>1/(1 + 0.05τ)</c> (AFL).</value>
    public IStalenessFunction Staleness { get; set; } = StalenessFunctions.InverseSqrt();

    /// <summary>The example-count weight <c>e(n)</c>.</summary>
    /// <value>The default value is <see cref="ExampleWeighting.Equal"/> (FedBuff), <see cref="ExampleWeighting.Linear"/> (AFL).</value>
    public ExampleWeighting ExampleWeighting { get; set; } = ExampleWeighting.Equal;

    /// <summary>The divisor of the buffered sum.</summary>
    /// <value>The default value is <see cref="BufferNormalization.Count"/> (FedBuff), <see cref="BufferNormalization.WeightSum"/> (AFL, version-aware).</value>
    public BufferNormalization Normalization { get; set; } = BufferNormalization.Count;

    /// <summary>Reject a second update of the same client in one buffer (<see cref="RejectionReason.ClientAlreadyInBuffer"/>).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool OnePerClientPerBuffer { get; set; } = true;

    /// <summary>Reject updates with staleness above this bound (<see cref="RejectionReason.TooStale"/>); null: no bound.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public long? MaxStaleness { get; set; }

    /// <summary>The server optimiser applied to the normalised buffer.</summary>
    /// <value>The default value is server SGD with η = 1.</value>
    public ServerOptimizerOptions ServerOptimizer { get; set; } = ServerOptimizers.Sgd();

    /// <inheritdoc />
    protected override void AddErrors(List<string> errors)
    {
        base.AddErrors(errors);
        AddBufferErrors(errors, BufferSize, MaxStaleness, ServerOptimizer);
        if (Staleness is null)
        {
            errors.Add($"{nameof(Staleness)} must not be null.");
        }

        if (!Enum.IsDefined(ExampleWeighting))
        {
            errors.Add($"{nameof(ExampleWeighting)} is not defined (was {(int)ExampleWeighting}).");
        }

        if (!Enum.IsDefined(Normalization))
        {
            errors.Add($"{nameof(Normalization)} is not defined (was {(int)Normalization}).");
        }
    }

    internal virtual int RetainedVersionsSetting => 0;

    internal virtual double DelayCompensationSetting => 0;
}
