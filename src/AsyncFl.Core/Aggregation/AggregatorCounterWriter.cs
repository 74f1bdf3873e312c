namespace AsyncFl;

/// <summary>The only way to change an <see cref="AggregatorCounters"/>, held by the aggregator that owns them.</summary>
public readonly struct AggregatorCounterWriter
{
    private readonly AggregatorCounters _counters;

    internal AggregatorCounterWriter(AggregatorCounters counters) => _counters = counters;

    /// <summary>Counts one applied update.</summary>
    public void CountApplied() => _counters.AddApplied();

    /// <summary>Counts one buffered update.</summary>
    public void CountBuffered() => _counters.AddBuffered();

    /// <summary>Counts one server step.</summary>
    public void CountServerStep() => _counters.AddServerStep();

    /// <summary>Counts updates dropped from a buffer whose step was refused.</summary>
    /// <param name="count">How many.</param>
    public void CountDroppedFromBuffer(long count) => _counters.AddDropped(count);

    /// <summary>Counts one rejection.</summary>
    /// <param name="reason">Why.</param>
    public void CountRejected(RejectionReason reason) => _counters.AddRejected(reason);
}
