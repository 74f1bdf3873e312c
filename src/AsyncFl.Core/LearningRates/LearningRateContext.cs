namespace AsyncFl;

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
