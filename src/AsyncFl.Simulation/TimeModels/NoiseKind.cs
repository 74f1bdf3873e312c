namespace AsyncFl.Simulation;

/// <summary>The family of a <see cref="NoiseDistribution"/>.</summary>
public enum NoiseKind
{
    /// <summary>No noise: every draw is 0.</summary>
    None = 0,

    /// <summary><c>|N(0, σ²)|</c>; mean <c>σ·√(2/π)</c>.</summary>
    HalfNormal = 1,

    /// <summary>Exponential with the given mean (rate <c>1/mean</c>).</summary>
    Exponential = 2,

    /// <summary><c>exp(N(μ, σ²))</c>; mean <c>exp(μ + σ²/2)</c>.</summary>
    LogNormal = 3,

    /// <summary>Pareto (type I) with scale <c>x_m</c> and shape <c>α</c>, support <c>[x_m, ∞)</c>; mean <c>α·x_m/(α−1)</c> for α &gt; 1, infinite otherwise.</summary>
    Pareto = 4,

    /// <summary>Uniform on <c>[a, b)</c>.</summary>
    Uniform = 5,
}
