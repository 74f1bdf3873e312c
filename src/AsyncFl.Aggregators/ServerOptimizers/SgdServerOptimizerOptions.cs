using AsyncFl.Backends;

namespace AsyncFl.Aggregators;

/// <summary>
/// Server SGD with optional momentum (FedAvgM, Hsu et al. 2019): <c>m ← μ·m + Δ</c>; <c>x ← x + η·m</c>. With μ = 0
/// it is <c>x ← x + η·Δ</c> (no state).
/// </summary>
public sealed class SgdServerOptimizerOptions : ServerOptimizerOptions
{
    /// <summary>Momentum μ in [0, 1).</summary>
    /// <value>The default value is 0 (Flower's FedAvgM default).</value>
    public double Momentum { get; set; }

    /// <inheritdoc />
    public override void AddErrors(List<string> errors)
    {
        base.AddErrors(errors);
        if (!double.IsFinite(Momentum) || Momentum < 0 || Momentum >= 1)
        {
            errors.Add($"ServerOptimizer.{nameof(Momentum)} must lie in [0, 1) (was {Momentum}).");
        }
    }

    /// <inheritdoc />
    public override IServerOptimizer Create(IParameterBackend backend, int dimension) =>
        new SgdServerOptimizer(backend, dimension, (float)LearningRate, (float)Momentum);
}
