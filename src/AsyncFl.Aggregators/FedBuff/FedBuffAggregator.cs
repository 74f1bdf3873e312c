namespace AsyncFl.Aggregators;

/// <summary>
/// FedBuff (Nguyen et al., arXiv:2106.06639; spec §3.1): clients send deltas relative to their base version
/// (<see cref="UpdatePayloadKind.ModelDelta"/> <c>Δ</c>, or <see cref="UpdatePayloadKind.PseudoGradient"/>
/// <c>g = −Δ</c>); the server accumulates <c>acc += s(τ)·e(n)·w·Δ</c> until K updates, then applies
/// <c>ḡ = acc / K</c> (paper convention; <see cref="BufferNormalization.WeightSum"/> divides by <c>Σ ω</c>)
/// through the server optimiser and bumps the version. A partial buffer is applied by
/// <see cref="IAggregator.Flush"/> (divided by the number buffered, or the flush's normaliser).
/// </summary>
/// <remarks>Deltas are always taken against the update's <b>own base</b> (the client computed them); the server
/// never re-derives them against its current model (the bug of Flower's closed FedBuff PR #1883). Weights payloads
/// need base snapshots: use <see cref="VersionAwareAggregator"/>.</remarks>
internal sealed class FedBuffAggregator : BufferedDeltaAggregator
{
    /// <summary>Creates the aggregator.</summary>
    /// <param name="model">The model to write.</param>
    /// <param name="options">The options (validated; values copied).</param>
    public FedBuffAggregator(GlobalModel model, FedBuffOptions options)
        : base(model, Checked(options))
    {
    }

    /// <inheritdoc />
    public override string Name => "FedBuff";
}
