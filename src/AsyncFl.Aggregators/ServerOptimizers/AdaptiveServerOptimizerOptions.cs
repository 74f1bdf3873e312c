using AsyncFl.Backends;

namespace AsyncFl.Aggregators;

/// <summary>
/// FedAdam / FedYogi / FedAdagrad (Reddi et al. 2021, Algorithm 2; spec §5), element-wise through the backend's
/// <see cref="IParameterBackend.AdaptiveStep"/>: <c>m = β1·m + (1 − β1)·Δ</c>; <c>v</c> per rule;
/// <c>x = x + η·m̂ / (√v̂ + τ)</c>. <c>m₀ = 0</c>, <c>v₀ = τ²</c> (the paper's <c>v₋₁ ≥ τ²</c>; Flower starts at 0,
/// which makes the first step a sign-SGD jump of size ≈ η). Bias correction (<c>m̂ = m/(1 − β1ᵗ)</c>,
/// <c>v̂ = v/(1 − β2ᵗ)</c>, Adagrad: <c>v̂ = v</c>) is off by default, as in the paper.
/// </summary>
public sealed class AdaptiveServerOptimizerOptions : ServerOptimizerOptions
{
    /// <summary>Creates options for <paramref name="rule"/> with the spec's defaults: η = 0.1 (Adam, Adagrad) or
    /// 0.01 (Yogi), β1 = 0.9, β2 = 0.99, τ = 1e-3.</summary>
    /// <param name="rule">The second-moment rule.</param>
    public AdaptiveServerOptimizerOptions(AdaptiveRule rule)
    {
        Rule = rule;
        LearningRate = rule == AdaptiveRule.Yogi ? 0.01 : 0.1;
    }

    /// <summary>The second-moment rule.</summary>
    public AdaptiveRule Rule { get; }

    /// <summary>First-moment decay β1 in [0, 1).</summary>
    /// <value>The default value is 0.9.</value>
    public double Beta1 { get; set; } = 0.9;

    /// <summary>Second-moment decay β2 in [0, 1) (unused by Adagrad).</summary>
    /// <value>The default value is 0.99.</value>
    public double Beta2 { get; set; } = 0.99;

    /// <summary>Adaptivity τ &gt; 0.</summary>
    /// <value>The default value is 1e-3.</value>
    public double Tau { get; set; } = 1e-3;

    /// <summary>Initial second moment <c>v₀</c> ≥ 0; NaN means τ².</summary>
    /// <value>The default value is NaN (τ²).</value>
    public double InitialSecondMoment { get; set; } = double.NaN;

    /// <summary>Whether to divide the moments by <c>1 − βᵗ</c> (Adam-style bias correction).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool BiasCorrection { get; set; }

    /// <inheritdoc />
    public override void AddErrors(List<string> errors)
    {
        base.AddErrors(errors);
        if (!Enum.IsDefined(Rule))
        {
            errors.Add($"ServerOptimizer.{nameof(Rule)} is not a defined AdaptiveRule (was {(int)Rule}).");
        }

        if (!double.IsFinite(Beta1) || Beta1 < 0 || Beta1 >= 1)
        {
            errors.Add($"ServerOptimizer.{nameof(Beta1)} must lie in [0, 1) (was {Beta1}).");
        }

        if (!double.IsFinite(Beta2) || Beta2 < 0 || Beta2 >= 1)
        {
            errors.Add($"ServerOptimizer.{nameof(Beta2)} must lie in [0, 1) (was {Beta2}).");
        }

        if (!double.IsFinite(Tau) || Tau <= 0)
        {
            errors.Add($"ServerOptimizer.{nameof(Tau)} must be a finite number > 0 (was {Tau}).");
        }

        if (!double.IsNaN(InitialSecondMoment) && (!double.IsFinite(InitialSecondMoment) || InitialSecondMoment < 0))
        {
            errors.Add($"ServerOptimizer.{nameof(InitialSecondMoment)} must be NaN (τ²) or a finite number ≥ 0 (was {InitialSecondMoment}).");
        }
    }

    /// <inheritdoc />
    public override IServerOptimizer Create(IParameterBackend backend, int dimension) => new AdaptiveServerOptimizer(backend, dimension, this);
}
