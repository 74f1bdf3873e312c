namespace AsyncFl.Cli.Config;

/// <summary>A learning-rate schedule.</summary>
internal sealed class LearningRateConfig
{
    /// <summary>"constant", "inverse-sqrt" (γ₀/√(k+1)), "delay-aware" (γ₀/(√(k+1)(1+α·d))) or "delay-adaptive" (γ·M/max(M, δ)).</summary>
    public string? Kind { get; set; }

    /// <summary>The base rate γ₀ &gt; 0.</summary>
    public double Value { get; set; } = 0.1;

    /// <summary>Delay sensitivity α ≥ 0 (delay-aware).</summary>
    public double? DelayFactor { get; set; }
}
