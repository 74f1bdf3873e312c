namespace AsyncFl.Aggregators;

/// <summary>
/// The seed paper's AFL aggregation (Forootani &amp; Iervolino, arXiv:2508.01675; spec §1.3–§1.4), made truly
/// asynchronous: each update's delta is weighted by <c>ωᵢ ∝ nᵢ·penalty(τᵢ)</c> (default <c>penalty = 1/(1 + 0.05τ)</c>),
/// and every <see cref="BufferedAggregatorOptions.BufferSize"/> updates the server moves by
/// <c>Σ ωᵢΔᵢ / Σ ωᵢ</c> (through the server optimiser, η = 1 by default).
/// </summary>
/// <remarks>
/// <para>How this differs from the authors' code (spec §1.11) and why: their AFL scripts wait for every selected
/// client (<c>asyncio.gather</c>), so staleness is always 0 and the weights are plain <c>nᵢ/Σnⱼ</c>; they average
/// client <i>models</i> and never send the average back, so the "global" model is write-only. Here updates arrive
/// whenever clients finish, staleness is counted in server versions, the penalty the paper describes is applied
/// (taken from the authors' own FedBuff baseline, β = 0.05), updates are <i>deltas</i> against each client's own base
/// (averaging stale models would undo progress made since), and clients always start from the current global
/// model. With staleness 0 and a full round it reduces to the code's dataset-size-weighted average.</para>
/// <para>Clients use <see cref="DelayAwareLearningRate"/> (default: observed staleness, not the code's constant
/// delay) and <see cref="Training.EarlyStopping"/> (patience on the local epoch loss).</para>
/// </remarks>
internal sealed class AflAggregator : BufferedDeltaAggregator
{
    /// <summary>Creates the aggregator.</summary>
    /// <param name="model">The model to write.</param>
    /// <param name="options">The options (validated; values copied).</param>
    public AflAggregator(GlobalModel model, AflOptions options)
        : base(model, Checked(options))
    {
    }

    /// <inheritdoc />
    public override string Name => "AFL";
}
