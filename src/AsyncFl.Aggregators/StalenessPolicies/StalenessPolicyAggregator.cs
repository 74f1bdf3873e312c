namespace AsyncFl.Aggregators;

/// <summary>
/// Base of the staleness policies that wrap any <see cref="IAggregator"/> (spec §4.1). The policy computes the
/// staleness <c>τ = version − base</c> and forwards (or rejects) under its own lock, so τ is exact: every change of
/// the version goes through the policy (<see cref="Submit"/> and <see cref="Flush"/>). Its <see cref="Counters"/> count
/// the policy's own rejections and include the inner aggregator's counts. The policy owns (and disposes) the inner
/// aggregator. Derive from it for a policy of your own: override <see cref="Name"/> and <see cref="Decide"/>.
/// </summary>
public abstract class StalenessPolicyAggregator : IAggregator
{
    private readonly Lock _gate = new();

    private readonly AggregatorCounterWriter _count;

    /// <summary>Wraps <paramref name="inner"/> (the policy owns it from now on).</summary>
    /// <param name="inner">The aggregator the accepted updates go to.</param>
    protected StalenessPolicyAggregator(IAggregator inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
        Counters = AggregatorCounters.Create(out _count, inner.Counters);
    }

    /// <summary>The wrapped aggregator.</summary>
    public IAggregator Inner { get; }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public GlobalModel Model => Inner.Model;

    /// <inheritdoc />
    public int PendingCount => Inner.PendingCount;

    /// <inheritdoc />
    public AggregatorCounters Counters { get; }

    /// <inheritdoc />
    public bool SupportsPayloadKind(UpdatePayloadKind kind) => Inner.SupportsPayloadKind(kind);

    /// <inheritdoc />
    public AggregationOutcome Submit(ClientUpdate update, in SubmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_gate)
        {
            ModelVersion version = Inner.Model.Version;
            long staleness = version.StalenessOf(update.BaseVersion);
            if (staleness < 0)
            {
                _count.CountRejected(RejectionReason.FutureVersion);
                return AggregationOutcome.Rejected(RejectionReason.FutureVersion, version, staleness);
            }

            SubmitOptions forwarded = options;
            RejectionReason reason = Decide(update, staleness, ref forwarded);
            if (reason != RejectionReason.None)
            {
                _count.CountRejected(reason);
                return AggregationOutcome.Rejected(reason, version, staleness);
            }

            return Inner.Submit(update, forwarded);
        }
    }

    /// <inheritdoc />
    public AggregationOutcome Flush(in FlushOptions options)
    {
        lock (_gate)
        {
            return Inner.Flush(options);
        }
    }

    /// <summary>Decides on an update with staleness τ ≥ 0: reject it, or forward it with (possibly changed) options.</summary>
    /// <param name="update">The update.</param>
    /// <param name="staleness">τ.</param>
    /// <param name="options">The options to forward; may be changed.</param>
    /// <returns><see cref="RejectionReason.None"/> to forward.</returns>
    protected abstract RejectionReason Decide(ClientUpdate update, long staleness, ref SubmitOptions options);

    /// <inheritdoc />
    public void Dispose()
    {
        Inner.Dispose();
        GC.SuppressFinalize(this);
    }
}
