namespace AsyncFl;

/// <summary>
/// Folds client updates into a <see cref="GlobalModel"/>: at once (FedAsync, ASGD) or when a buffer fills
/// (FedBuff, Rennala, synchronous rounds). Implementations are thread-safe: many producers may call
/// <see cref="Submit(ClientUpdate, in SubmitOptions)"/> concurrently; writes to the model are serialised and
/// a rejected update leaves the model bit-identical.
/// </summary>
public interface IAggregator : IDisposable
{
    /// <summary>A short name, e.g. <c>"FedAsync"</c>.</summary>
    string Name { get; }

    /// <summary>The model this aggregator writes.</summary>
    GlobalModel Model { get; }

    /// <summary>Updates accepted but not yet applied (0 for immediate aggregators).</summary>
    int PendingCount { get; }

    /// <summary>Counts of what happened so far (applied, buffered, rejected by reason).</summary>
    AggregatorCounters Counters { get; }

    /// <summary>
    /// Whether this aggregator can accept updates whose payload is of <paramref name="kind"/> (others are rejected
    /// with <see cref="RejectionReason.UnsupportedKind"/>). The server's builder checks it against the workload.
    /// </summary>
    /// <param name="kind">The payload kind.</param>
    /// <returns>Whether updates of that kind can be accepted.</returns>
    bool SupportsPayloadKind(UpdatePayloadKind kind);

    /// <summary>
    /// Validates <paramref name="update"/> and, if valid, applies it (or buffers it). Never keeps a reference to
    /// the update or its payload after returning.
    /// </summary>
    /// <param name="update">The client update (untrusted).</param>
    /// <param name="options">Per-update scalars chosen by the scheduler (extra weight, learning rate).</param>
    /// <returns>What happened, with the version after the call and the apply sequence number.</returns>
    AggregationOutcome Submit(ClientUpdate update, in SubmitOptions options);

    /// <summary>
    /// Applies the buffered updates now (a partial buffer), as one server step. Does nothing and keeps the
    /// version when the buffer is empty or its weights sum to zero.
    /// </summary>
    /// <param name="options">How to normalise the flushed sum.</param>
    /// <returns>What happened.</returns>
    AggregationOutcome Flush(in FlushOptions options);
}

/// <summary>Per-update scalars that a scheduler passes to an aggregator.</summary>
public readonly record struct SubmitOptions
{
    /// <summary>Creates options with weight 1 and no learning-rate override.</summary>
    public SubmitOptions()
    {
    }

    /// <summary>Extra multiplicative weight on the update (e.g. Shadowheart's <c>w_i</c>, an importance weight); finite, ≥ 0.</summary>
    public double Weight { get; init; } = 1.0;

    /// <summary>
    /// Server learning rate for this update when the aggregator uses one (gradient steps, delay-adaptive rules);
    /// <see cref="double.NaN"/> means "the aggregator's own".
    /// </summary>
    public double LearningRate { get; init; } = double.NaN;

    /// <summary>Options with weight 1 and the aggregator's own learning rate.</summary>
    public static SubmitOptions Default => new();
}

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

/// <summary>What happened to a submitted update.</summary>
public enum UpdateDisposition
{
    /// <summary>The model changed because of it (possibly together with buffered updates).</summary>
    Applied = 0,

    /// <summary>Accepted into a buffer; the model will change when the buffer is flushed.</summary>
    Buffered = 1,

    /// <summary>Refused; see <see cref="RejectionReason"/>. The model is unchanged.</summary>
    Rejected = 2,

    /// <summary>A flush found nothing to apply.</summary>
    Nothing = 3,
}

/// <summary>Why an update was refused. Every value is counted in the metrics.</summary>
public enum RejectionReason
{
    /// <summary>Not rejected.</summary>
    None = 0,

    /// <summary>The payload length differs from the model's dimension.</summary>
    LengthMismatch,

    /// <summary>The payload contains NaN or ±∞.</summary>
    NonFinite,

    /// <summary>The base version is newer than the server's version (staleness &lt; 0).</summary>
    FutureVersion,

    /// <summary>The staleness exceeds the configured bound (reject policy, Ringmaster's threshold).</summary>
    TooStale,

    /// <summary>The base version is older than the window of retained model snapshots needed to use it.</summary>
    OutsideRetainedWindow,

    /// <summary>The sample count is zero or negative.</summary>
    NonPositiveSampleCount,

    /// <summary>An update with the same id was already seen.</summary>
    Duplicate,

    /// <summary>The client id is unknown (negative or not registered).</summary>
    UnknownClient,

    /// <summary>The payload kind is not one this aggregator understands.</summary>
    UnsupportedKind,

    /// <summary>The client already contributed to the current buffer (one contribution per client per buffer).</summary>
    ClientAlreadyInBuffer,

    /// <summary>The submission options were invalid (negative or non-finite weight, bad learning rate).</summary>
    InvalidOptions,

    /// <summary>The scheduler discarded it (e.g. Rennala's stale gradient, a result of a cancelled round).</summary>
    DiscardedByScheduler,

    /// <summary>
    /// The update is finite, but applying it would have made the model or the aggregator's state non-finite (a float
    /// overflow, e.g. from huge values or weights); nothing was changed. A buffered aggregator whose step would
    /// overflow drops that buffer (<see cref="AggregatorCounters.DroppedFromBuffer"/>).
    /// </summary>
    NonFiniteResult,
}

/// <summary>The outcome of <see cref="IAggregator.Submit"/> or <see cref="IAggregator.Flush"/>.</summary>
/// <param name="Disposition">Applied, buffered, rejected or nothing.</param>
/// <param name="Reason">The rejection reason, <see cref="RejectionReason.None"/> otherwise.</param>
/// <param name="Version">The model version after the call.</param>
/// <param name="Sequence">For applied or buffered updates: the aggregator's acceptance sequence number (0, 1, 2, …),
/// the order in which a serial replay reproduces the model; −1 otherwise.</param>
/// <param name="Staleness">The staleness the aggregator computed (<c>version − base</c>) at submission.</param>
/// <param name="Weight">The effective weight or mixing coefficient the update received (0 when rejected).</param>
public readonly record struct AggregationOutcome(
    UpdateDisposition Disposition,
    RejectionReason Reason,
    ModelVersion Version,
    long Sequence,
    long Staleness,
    double Weight)
{
    /// <summary>Whether the update was applied or buffered.</summary>
    public bool Accepted => Disposition is UpdateDisposition.Applied or UpdateDisposition.Buffered;

    /// <summary>A rejection outcome.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="version">The unchanged version.</param>
    /// <param name="staleness">The computed staleness, if known.</param>
    public static AggregationOutcome Rejected(RejectionReason reason, ModelVersion version, long staleness = 0) =>
        new(UpdateDisposition.Rejected, reason, version, -1, staleness, 0);
}

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
