namespace AsyncFl.Aggregators;

/// <summary>
/// Version-aware aggregation (spec §4.3): every update is used relative to <b>its own base version</b>. Deltas and
/// pseudo-gradients are taken as sent; a <see cref="UpdatePayloadKind.Weights"/> payload becomes
/// <c>Δ = w − x_base</c> using a ring buffer of the last W model snapshots (taken whenever the version is bumped);
/// optional DC-ASGD compensation <c>Δ̃ = Δ − λ·Δ⊙Δ⊙(x_now − x_base)</c> (Zheng et al. 2017). Then FedBuff's buffer
/// and server optimiser. An update whose base is older than the window (when it needs the base) is rejected with
/// <see cref="RejectionReason.OutsideRetainedWindow"/>, never silently mis-applied. With τ = 0 it equals FedBuff.
/// </summary>
/// <remarks>This is an aggregator of its own rather than a decorator because the snapshot must be taken exactly when
/// the buffer's step bumps the version, inside the same critical section.</remarks>
internal sealed class VersionAwareAggregator : BufferedDeltaAggregator
{
    /// <summary>Creates the aggregator (allocates W + 2 model-sized vectors plus the optimiser's state).</summary>
    /// <param name="model">The model to write.</param>
    /// <param name="options">The options (validated; values copied).</param>
    public VersionAwareAggregator(GlobalModel model, VersionAwareOptions options)
        : base(model, Checked(options))
    {
    }

    /// <inheritdoc />
    public override string Name => "VersionAware";
}
