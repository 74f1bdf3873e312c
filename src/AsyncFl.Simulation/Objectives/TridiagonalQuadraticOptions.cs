namespace AsyncFl.Simulation.Objectives;

/// <summary>Options of <see cref="TridiagonalQuadratic"/>.</summary>
public sealed class TridiagonalQuadraticOptions : ObjectiveOptions
{
    /// <summary>d.</summary>
    /// <value>The default value is 20.</value>
    public int Dimension { get; set; } = 20;

    /// <summary>L, the scale of <c>A = (L/4)·tridiag(−1, 2, −1)</c> (the largest eigenvalue is below L).</summary>
    /// <value>The default value is 1.</value>
    public double Smoothness { get; set; } = 1.0;

    /// <summary>μ: the smallest eigenvalue after the shift.</summary>
    /// <value>The default value is 1e−5.</value>
    public double StrongConvexity { get; set; } = 1e-5;

    /// <summary>c of the <c>add</c> noise: one scalar <c>z ~ N(0,1)</c> per gradient, <c>c·z</c> added to every coordinate
    /// (so the gradient variance is <c>σ² = c²·d</c>).</summary>
    /// <value>The default value is 0.01.</value>
    public double NoiseScale { get; set; } = 0.01;

    /// <inheritdoc />
    protected internal override void Validate(List<string> errors)
    {
        base.Validate(errors);
        if (!double.IsFinite(Smoothness) || Smoothness <= 0)
        {
            errors.Add($"Smoothness = {Smoothness} must be finite and > 0");
        }

        if (!double.IsFinite(StrongConvexity) || StrongConvexity <= 0)
        {
            errors.Add($"StrongConvexity = {StrongConvexity} must be finite and > 0");
        }

        if (!double.IsFinite(NoiseScale) || NoiseScale < 0)
        {
            errors.Add($"NoiseScale = {NoiseScale} must be finite and ≥ 0");
        }
    }
}
