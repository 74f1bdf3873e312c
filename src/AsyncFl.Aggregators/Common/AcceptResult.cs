namespace AsyncFl.Aggregators;

/// <summary>What <see cref="AggregatorBase"/>'s <c>Accept</c> reports.</summary>
/// <param name="Applied">Whether the model changed (a step was taken).</param>
/// <param name="Weight">The effective weight or mixing coefficient the update received.</param>
public readonly record struct AcceptResult(bool Applied, double Weight)
{
    /// <summary>Not <see cref="RejectionReason.None"/> when the update was refused after all (nothing was changed).</summary>
    public RejectionReason Rejection { get; init; }

    /// <summary>A refusal: the update changed nothing.</summary>
    /// <param name="reason">Why.</param>
    /// <returns>The result.</returns>
    public static AcceptResult Refused(RejectionReason reason) => new(false, 0) { Rejection = reason };
}
