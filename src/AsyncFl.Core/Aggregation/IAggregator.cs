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
