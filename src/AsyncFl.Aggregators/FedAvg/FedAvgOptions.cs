namespace AsyncFl.Aggregators;

/// <summary>Options of the FedAvg aggregator (McMahan et al. 2017; spec §1.4).</summary>
public sealed class FedAvgOptions : AggregatorOptions
{
    /// <summary>Updates per round: the round is applied when this many have arrived (0: only on
    /// <see cref="IAggregator.Flush"/>).</summary>
    /// <value>The default value is 0.</value>
    public int ExpectedRoundSize { get; set; }

    /// <summary>Reject updates computed from an older version than the current one (<see cref="RejectionReason.TooStale"/>):
    /// in a synchronous round every update starts from the round's model.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RejectStale { get; set; } = true;

    /// <summary>Server learning rate η: the model moves by η × (average − model) for weights, η × average delta for deltas.</summary>
    /// <value>The default value is 1 (plain FedAvg).</value>
    public double ServerLearningRate { get; set; } = 1.0;

    /// <inheritdoc />
    protected override void AddErrors(List<string> errors)
    {
        base.AddErrors(errors);
        if (ExpectedRoundSize < 0)
        {
            errors.Add($"{nameof(ExpectedRoundSize)} must be ≥ 0 (was {ExpectedRoundSize}).");
        }

        RequireFinite(errors, nameof(ServerLearningRate), ServerLearningRate, 0);
    }

    /// <inheritdoc />
    public override IAggregator CreateAggregator(GlobalModel model)
    {
        Validate();
        return new FedAvgAggregator(model, Clone());
    }

    internal FedAvgOptions Clone() => (FedAvgOptions)MemberwiseClone();
}
