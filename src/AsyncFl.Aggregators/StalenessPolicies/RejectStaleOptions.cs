namespace AsyncFl.Aggregators;

/// <summary>Options of the reject-stale policy.</summary>
public sealed class RejectStaleOptions
{
    /// <summary>The largest accepted staleness τ_max ≥ 0 (FLSim's <c>max_staleness</c>, Plato's <c>staleness_bound</c>).</summary>
    /// <value>The default value is 10.</value>
    public long MaxStaleness { get; set; } = 10;

    /// <summary>Throws when an option is invalid.</summary>
    /// <summary>Wraps <paramref name="inner"/> in the reject policy (validated and copied; the policy owns the inner aggregator).</summary>
    /// <param name="inner">The aggregator the fresh-enough updates go to.</param>
    /// <returns>The policy.</returns>
    public IAggregator Wrap(IAggregator inner)
    {
        Validate();
        return new RejectStaleAggregator(inner, new RejectStaleOptions { MaxStaleness = MaxStaleness });
    }

    /// <summary>Throws an <see cref="ArgumentException"/> when the option is invalid.</summary>
    public void Validate()
    {
        if (MaxStaleness < 0)
        {
            throw new ArgumentException($"Invalid {nameof(RejectStaleOptions)}: {nameof(MaxStaleness)} must be ≥ 0 (was {MaxStaleness}).");
        }
    }
}
