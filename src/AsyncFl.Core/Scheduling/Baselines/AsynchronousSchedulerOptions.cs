using System.Globalization;

namespace AsyncFl.Scheduling;

/// <summary>Options of <see cref="AsynchronousScheduler"/>: keep <see cref="Concurrency"/> clients busy, accept every result.</summary>
public sealed class AsynchronousSchedulerOptions
{
    /// <summary>Number of tasks kept in flight (C); capped by the number of clients.</summary>
    /// <value>The default value is 10.</value>
    public int Concurrency { get; set; } = 10;

    /// <summary>Chooses the client for a free slot among the idle, available ones; null draws uniformly.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IClientSampler? Sampler { get; set; }

    /// <summary>Results with a larger staleness are discarded as <see cref="RejectionReason.TooStale"/>; null for no bound.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public long? MaxStaleness { get; set; }

    /// <summary>Local work per task (<see cref="TaskRequest.LocalSteps"/>), ≥ 1.</summary>
    /// <value>The default value is 1.</value>
    public int LocalSteps { get; set; } = 1;

    /// <summary>Client learning rate (<see cref="TaskRequest.ClientLearningRate"/>); NaN for the workload's own.</summary>
    /// <value>The default value is <see cref="double.NaN"/>.</value>
    public double ClientLearningRate { get; set; } = double.NaN;

    /// <summary>Per-task time limit in seconds (<see cref="TaskRequest.TimeLimitSeconds"/>); +∞ for none.</summary>
    /// <value>The default value is <see cref="double.PositiveInfinity"/>.</value>
    public double TimeLimitSeconds { get; set; } = double.PositiveInfinity;

    /// <summary>How each accepted result is weighted (<see cref="SubmitOptions.Weight"/>).</summary>
    /// <value>The default value is <see cref="AsynchronousParticipationWeighting.None"/>.</value>
    public AsynchronousParticipationWeighting ParticipationWeighting { get; set; } = AsynchronousParticipationWeighting.None;

    /// <summary>Checks every option; throws one <see cref="ArgumentException"/> listing all problems.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        var c = CultureInfo.InvariantCulture;
        if (Concurrency < 1)
        {
            errors.Add(string.Create(c, $"Concurrency must be ≥ 1 (was {Concurrency})."));
        }

        if (MaxStaleness is < 0)
        {
            errors.Add(string.Create(c, $"MaxStaleness must be ≥ 0 or null (was {MaxStaleness})."));
        }

        if (LocalSteps < 1)
        {
            errors.Add(string.Create(c, $"LocalSteps must be ≥ 1 (was {LocalSteps})."));
        }

        if (!double.IsNaN(ClientLearningRate) && (!double.IsFinite(ClientLearningRate) || ClientLearningRate < 0))
        {
            errors.Add(string.Create(c, $"ClientLearningRate must be finite and ≥ 0, or NaN (was {ClientLearningRate})."));
        }

        if (double.IsNaN(TimeLimitSeconds) || TimeLimitSeconds <= 0)
        {
            errors.Add(string.Create(c, $"TimeLimitSeconds must be > 0 (+∞ for none) (was {TimeLimitSeconds})."));
        }

        if (!Enum.IsDefined(ParticipationWeighting))
        {
            errors.Add(string.Create(c, $"ParticipationWeighting must be None or InterArrival (was {(int)ParticipationWeighting})."));
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid AsynchronousSchedulerOptions: " + string.Join(" ", errors));
        }
    }

    internal AsynchronousSchedulerOptions Clone() => (AsynchronousSchedulerOptions)MemberwiseClone();
}

/// <summary>How <see cref="AsynchronousScheduler"/> weights the results it accepts.</summary>
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
