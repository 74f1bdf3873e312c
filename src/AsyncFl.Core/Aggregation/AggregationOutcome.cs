namespace AsyncFl;

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
