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
