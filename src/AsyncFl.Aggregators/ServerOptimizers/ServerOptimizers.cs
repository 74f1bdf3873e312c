namespace AsyncFl.Aggregators;

/// <summary>Factory of server-optimiser descriptions (spec §5).</summary>
public static class ServerOptimizers
{
    /// <summary>Plain server SGD <c>x ← x + η·Δ</c>.</summary>
    /// <param name="learningRate">η (default 1: apply the aggregated delta as is).</param>
    public static SgdServerOptimizerOptions Sgd(double learningRate = 1.0) => new() { LearningRate = learningRate };

    /// <summary>FedAvgM: <c>m ← μm + Δ</c>; <c>x ← x + η·m</c>.</summary>
    /// <param name="learningRate">η.</param>
    /// <param name="momentum">μ in [0, 1).</param>
    public static SgdServerOptimizerOptions FedAvgM(double learningRate = 1.0, double momentum = 0.9) => new() { LearningRate = learningRate, Momentum = momentum };

    /// <summary>FedAdam with the spec defaults (η = 0.1, β1 = 0.9, β2 = 0.99, τ = 1e-3, v₀ = τ²).</summary>
    public static AdaptiveServerOptimizerOptions FedAdam() => new(Backends.AdaptiveRule.Adam);

    /// <summary>FedYogi with the spec defaults (η = 0.01, β1 = 0.9, β2 = 0.99, τ = 1e-3, v₀ = τ²).</summary>
    public static AdaptiveServerOptimizerOptions FedYogi() => new(Backends.AdaptiveRule.Yogi);

    /// <summary>FedAdagrad with the spec defaults (η = 0.1, β1 = 0.9, τ = 1e-3, v₀ = τ²).</summary>
    public static AdaptiveServerOptimizerOptions FedAdagrad() => new(Backends.AdaptiveRule.Adagrad);
}
