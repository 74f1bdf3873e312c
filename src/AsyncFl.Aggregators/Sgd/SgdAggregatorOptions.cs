namespace AsyncFl.Aggregators;

/// <summary>Options of the server-SGD aggregator (asynchronous / buffered SGD on the server).</summary>
public sealed class SgdAggregatorOptions : AggregatorOptions
{
    /// <summary>Server learning rate γ, used when <see cref="SubmitOptions.LearningRate"/> is NaN.</summary>
    /// <value>The default value is 0.01.</value>
    public double LearningRate { get; set; } = 0.01;

    /// <summary>
    /// Number of updates accumulated before one step (1: plain ASGD, every gradient is applied at once;
    /// S: Rennala's batch of S gradients).
    /// </summary>
    /// <value>The default value is 1.</value>
    public int BufferSize { get; set; } = 1;

    /// <summary>The divisor of the accumulated step when the buffer fills (a flush may override it).</summary>
    /// <value>The default value is <see cref="SgdNormalization.Count"/>.</value>
    public SgdNormalization Normalization { get; set; } = SgdNormalization.Count;

    /// <summary>
    /// One server step per accepted gradient, <c>x ← x − γ·g</c> (buffer 1): the aggregator of the asynchronous family
    /// (asynchronous SGD, its delay-adaptive step, Ringmaster).
    /// </summary>
    /// <param name="learningRate">γ (a scheduler's server schedule overrides it per update).</param>
    /// <returns>The options.</returns>
    public static SgdAggregatorOptions PerGradient(double learningRate) =>
        new() { LearningRate = learningRate, BufferSize = 1, Normalization = SgdNormalization.Count };

    /// <summary>
    /// A buffer that never fills on its own: the server steps only when a round-based scheduler flushes it, dividing
    /// by the scheduler's normaliser (Shadowheart's Z, MindFlayer's Σ pᵢBᵢ, a round's cohort size) when it passes one,
    /// else by <paramref name="normalization"/> (ATA: the mean, <see cref="SgdNormalization.Count"/>).
    /// </summary>
    /// <param name="learningRate">γ.</param>
    /// <param name="normalization">The divisor when the flush passes none.</param>
    /// <returns>The options.</returns>
    public static SgdAggregatorOptions OnFlush(double learningRate, SgdNormalization normalization = SgdNormalization.None) =>
        new() { LearningRate = learningRate, BufferSize = int.MaxValue, Normalization = normalization };

    /// <summary>A buffer of S gradients with count normalisation, <c>x ← x − γ·Σg/S</c> at the S-th (Rennala SGD).</summary>
    /// <param name="learningRate">γ.</param>
    /// <param name="batchSize">S ≥ 1.</param>
    /// <returns>The options.</returns>
    public static SgdAggregatorOptions Batch(double learningRate, int batchSize) =>
        new() { LearningRate = learningRate, BufferSize = batchSize, Normalization = SgdNormalization.Count };

    /// <inheritdoc />
    protected override void AddErrors(List<string> errors)
    {
        base.AddErrors(errors);
        RequireFinite(errors, nameof(LearningRate), LearningRate, 0);
        if (BufferSize < 1)
        {
            errors.Add($"{nameof(BufferSize)} must be ≥ 1 (was {BufferSize}).");
        }

        if (!Enum.IsDefined(Normalization))
        {
            errors.Add($"{nameof(Normalization)} must be Count, WeightSum or None (was {(int)Normalization}).");
        }
    }

    /// <inheritdoc />
    public override IAggregator CreateAggregator(GlobalModel model)
    {
        Validate();
        return new SgdAggregator(model, Clone());
    }

    internal SgdAggregatorOptions Clone() => (SgdAggregatorOptions)MemberwiseClone();
}
