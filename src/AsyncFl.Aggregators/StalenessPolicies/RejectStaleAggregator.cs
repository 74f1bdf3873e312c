namespace AsyncFl.Aggregators;

/// <summary>
/// The <i>reject</i> staleness policy (spec §4.1): refuses updates with <c>τ &lt; 0</c>
/// (<see cref="RejectionReason.FutureVersion"/>) or <c>τ &gt; τ_max</c> (<see cref="RejectionReason.TooStale"/>) and
/// forwards the rest unchanged to the wrapped aggregator.
/// </summary>
internal sealed class RejectStaleAggregator : StalenessPolicyAggregator
{
    private readonly long _maxStaleness;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The aggregator to protect (owned).</param>
    /// <param name="options">The options.</param>
    public RejectStaleAggregator(IAggregator inner, RejectStaleOptions options)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _maxStaleness = options.MaxStaleness;
    }

    /// <inheritdoc />
    public override string Name => $"RejectStale({Inner.Name}, tau_max={_maxStaleness})";

    protected override RejectionReason Decide(ClientUpdate update, long staleness, ref SubmitOptions options) =>
        staleness > _maxStaleness ? RejectionReason.TooStale : RejectionReason.None;
}
