namespace AsyncFl.Aggregators;

/// <summary>
/// Options of the FedBuff aggregator (Nguyen et al., AISTATS 2022; spec §3): K = 10, <c>s(τ) = 1/√(1 + τ)</c>,
/// <c>e(n) = 1</c>, <c>ḡ = acc / K</c>, server SGD with η = 1, one contribution per client per buffer.
/// </summary>
public sealed class FedBuffOptions : BufferedAggregatorOptions
{
    /// <inheritdoc />
    public override IAggregator CreateAggregator(GlobalModel model)
    {
        Validate();
        return new FedBuffAggregator(model, Clone());
    }

    internal FedBuffOptions Clone() => (FedBuffOptions)MemberwiseClone();
}
