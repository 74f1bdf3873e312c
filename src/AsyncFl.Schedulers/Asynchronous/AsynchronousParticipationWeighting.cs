namespace AsyncFl.Schedulers;

/// <summary>How the asynchronous scheduler weights the results it accepts.</summary>
public enum AsynchronousParticipationWeighting
{
    /// <summary>Every result gets <see cref="SubmitOptions.Weight"/> = 1 (fast clients dominate in proportion to their speed).</summary>
    None = 0,

    /// <summary>
    /// Participation debiasing: a result of client <c>i</c> gets <c>wᵢ = T̂ᵢ / T̄</c>, where <c>T̂ᵢ</c> is the mean
    /// duration of the client's completed tasks so far (the result's own latency before any) and
    /// <c>T̄ = N / Σⱼ 1/T̂ⱼ</c> over the <c>N</c> clients observed so far, so each client's total weight per unit
    /// time is equal and the mean weight over arrivals is ≈ 1.
    /// </summary>
    InterArrival = 1,
}
