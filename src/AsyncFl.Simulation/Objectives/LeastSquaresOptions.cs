namespace AsyncFl.Simulation.Objectives;

/// <summary>Options of <see cref="LeastSquares"/>.</summary>
public sealed class LeastSquaresOptions : FiniteSumOptions
{
    /// <summary>Creates the options with Mishchenko et al.'s minibatch of 256.</summary>
    public LeastSquaresOptions() => BatchSize = 256;

    /// <summary>n, the number of rows.</summary>
    /// <value>The default value is 10 000.</value>
    public int Rows { get; set; } = 10_000;

    /// <summary>d.</summary>
    /// <value>The default value is 400.</value>
    public int Dimension { get; set; } = 400;

    /// <summary>Standard deviation of the target noise: <c>b = A x_rand + ν·N(0,1)</c>.</summary>
    /// <value>The default value is 1e−5.</value>
    public double TargetNoise { get; set; } = 1e-5;

    /// <inheritdoc />
    protected internal override void Validate(List<string> errors)
    {
        base.Validate(errors);
        if (Rows < 1)
        {
            errors.Add($"Rows = {Rows} must be ≥ 1");
        }

        if (!double.IsFinite(TargetNoise) || TargetNoise < 0)
        {
            errors.Add($"TargetNoise = {TargetNoise} must be finite and ≥ 0");
        }
    }
}
