namespace AsyncFl;

/// <summary>
/// Thread-safe counters an aggregator keeps: applied / buffered / flushed / rejected by reason. Read-only to everyone
/// but their owner: <see cref="Create(out AggregatorCounterWriter, AggregatorCounters?)"/> hands the owner the only
/// <see cref="AggregatorCounterWriter"/>. Snapshots are cheap; the engine's metrics read them too.
/// </summary>
public sealed class AggregatorCounters
{
    private readonly long[] _rejected = new long[Enum.GetValues<RejectionReason>().Length];
    private readonly AggregatorCounters? _inner;
    private long _applied;
    private long _buffered;
    private long _steps;
    private long _dropped;

    private AggregatorCounters(AggregatorCounters? inner) => _inner = inner;

    /// <summary>Updates that changed the model at once.</summary>
    public long Applied => Interlocked.Read(ref _applied) + (_inner?.Applied ?? 0);

    /// <summary>Updates accepted into a buffer.</summary>
    public long Buffered => Interlocked.Read(ref _buffered) + (_inner?.Buffered ?? 0);

    /// <summary>Server steps (model changes, i.e. version increments).</summary>
    public long ServerSteps => Interlocked.Read(ref _steps) + (_inner?.ServerSteps ?? 0);

    /// <summary>Updates that were buffered but never reached the model: their buffer's step was refused because it
    /// would have made the model non-finite (<see cref="RejectionReason.NonFiniteResult"/>).</summary>
    public long DroppedFromBuffer => Interlocked.Read(ref _dropped) + (_inner?.DroppedFromBuffer ?? 0);

    /// <summary>Total rejections over all reasons.</summary>
    public long RejectedTotal
    {
        get
        {
            long sum = _inner?.RejectedTotal ?? 0;
            for (int i = 0; i < _rejected.Length; i++)
            {
                sum += Interlocked.Read(ref _rejected[i]);
            }

            return sum;
        }
    }

    /// <summary>
    /// Creates counters and the writer that alone changes them: the aggregator keeps the writer and hands out the
    /// counters. With <paramref name="inner"/> (a wrapped aggregator's counters), every reading adds the inner
    /// counts, so a decorator reports one total.
    /// </summary>
    /// <param name="writer">Receives the writer.</param>
    /// <param name="inner">Counters whose values are included in every reading, or null.</param>
    /// <returns>The counters.</returns>
    public static AggregatorCounters Create(out AggregatorCounterWriter writer, AggregatorCounters? inner = null)
    {
        var counters = new AggregatorCounters(inner);
        writer = new AggregatorCounterWriter(counters);
        return counters;
    }

    /// <summary>Rejections for one reason.</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The count.</returns>
    public long Rejected(RejectionReason reason) => Interlocked.Read(ref _rejected[(int)reason]) + (_inner?.Rejected(reason) ?? 0);

    internal void AddApplied() => Interlocked.Increment(ref _applied);

    internal void AddBuffered() => Interlocked.Increment(ref _buffered);

    internal void AddServerStep() => Interlocked.Increment(ref _steps);

    internal void AddDropped(long count) => Interlocked.Add(ref _dropped, count);

    internal void AddRejected(RejectionReason reason) => Interlocked.Increment(ref _rejected[(int)reason]);
}
