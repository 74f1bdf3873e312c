namespace AsyncFl.Aggregators;

/// <summary>How <see cref="SgdAggregator"/> divides its accumulated step when the buffer is applied.</summary>
public enum SgdNormalization
{
    /// <summary>By the number of buffered updates (a mean: Rennala's <c>1/S</c>).</summary>
    Count = 0,

    /// <summary>By the sum of the buffered updates' <see cref="SubmitOptions.Weight"/>s.</summary>
    WeightSum = 1,

    /// <summary>Not at all (a plain sum).</summary>
    None = 2,
}

/// <summary>Options of <see cref="SgdAggregator"/> (asynchronous / buffered SGD on the server).</summary>
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

    internal SgdAggregatorOptions Clone() => (SgdAggregatorOptions)MemberwiseClone();
}
