namespace AsyncFl;

/// <summary>
/// FLSim's step weighting: <c>s(τ) = 1</c> if <c>τ ≤ cutoff</c>, else <c>valueAfter</c> (spec §3.2). With
/// <c>valueAfter = 0</c> it is a hard cut-off whose weights lie in [0, 1].
/// </summary>
internal sealed class ThresholdStaleness : IStalenessFunction
{
    /// <summary>Creates the function.</summary>
    /// <param name="cutoff">The last staleness that still gets weight 1 (≥ 0).</param>
    /// <param name="valueAfter">The weight after the cut-off, in [0, 1].</param>
    public ThresholdStaleness(long cutoff, double valueAfter)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cutoff);
        if (!double.IsFinite(valueAfter) || valueAfter < 0 || valueAfter > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(valueAfter), valueAfter, $"'{nameof(valueAfter)}' must lie in [0, 1] (was {StalenessChecks.Format(valueAfter)}).");
        }

        Cutoff = cutoff;
        ValueAfter = valueAfter;
    }

    /// <summary>The cut-off.</summary>
    public long Cutoff { get; }

    /// <summary>The weight after the cut-off.</summary>
    public double ValueAfter { get; }

    /// <inheritdoc />
    public string Name => $"threshold(cutoff={Cutoff},after={StalenessChecks.Format(ValueAfter)})";

    /// <inheritdoc />
    public double Weight(long staleness)
    {
        if (staleness < 0)
        {
            StalenessChecks.ThrowNegativeStaleness(staleness);
        }

        return staleness <= Cutoff ? 1.0 : ValueAfter;
    }
}
