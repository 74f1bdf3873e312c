namespace AsyncFl;

/// <summary>
/// A learning-rate schedule aware of steps and delays: the seed paper's <c>γ₀ / (√(k+1)·(1 + α·d))</c>, the
/// delay-adaptive ASGD rule <c>γ·M / max(M, δ)</c>, constants. Used on the server (per applied update) and on
/// clients (per local epoch). Implementations are immutable and thread-safe.
/// </summary>
public interface ILearningRateSchedule
{
    /// <summary>A short description with the parameters.</summary>
    string Name { get; }

    /// <summary>The learning rate for <paramref name="context"/>; finite and ≥ 0.</summary>
    /// <param name="context">Step, delay and fleet information.</param>
    double GetRate(in LearningRateContext context);
}

/// <summary>What a learning-rate schedule may depend on.</summary>
public readonly record struct LearningRateContext
{
    /// <summary>The step counter <c>k</c>: a local epoch index on a client, or the server's step/version.</summary>
    public long Step { get; init; }

    /// <summary>Staleness of the update in server versions (δ, τ); 0 when unknown.</summary>
    public long Staleness { get; init; }

    /// <summary>A delay in seconds (observed or configured), for wall-clock-delay variants; 0 when unknown.</summary>
    public double DelaySeconds { get; init; }

    /// <summary>Number of concurrently working clients (M in delay-adaptive ASGD); 0 when unknown.</summary>
    public int Concurrency { get; init; }
}
