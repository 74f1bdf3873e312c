namespace AsyncFl;

/// <summary>How a flush normalises the buffered sum.</summary>
public readonly record struct FlushOptions
{
    /// <summary>Creates options that use the aggregator's own normaliser.</summary>
    public FlushOptions()
    {
    }

    /// <summary>
    /// Divisor of the buffered weighted sum (e.g. Shadowheart's <c>Z</c>, MindFlayer's <c>Σ p_i·B_i</c>);
    /// <see cref="double.NaN"/> means "the aggregator's own convention" (count or sum of weights).
    /// </summary>
    public double Normalizer { get; init; } = double.NaN;

    /// <summary>Options using the aggregator's own normaliser.</summary>
    public static FlushOptions Default => new();
}
