namespace AsyncFl;

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
