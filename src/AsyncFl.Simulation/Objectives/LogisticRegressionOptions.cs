namespace AsyncFl.Simulation.Objectives;

/// <summary>Options of <see cref="LogisticRegression"/>.</summary>
public sealed class LogisticRegressionOptions : FiniteSumOptions
{
    /// <summary>Creates the options with a small default L2 term.</summary>
    public LogisticRegressionOptions() => L2 = 1e-3;

    /// <summary>n.</summary>
    /// <value>The default value is 1 000.</value>
    public int Rows { get; set; } = 1_000;

    /// <summary>d (features; no separate bias, add a constant feature yourself if needed).</summary>
    /// <value>The default value is 20.</value>
    public int Dimension { get; set; } = 20;

    /// <summary>Scale of the planted model: <c>w_true ~ N(0, (s²/d)·I)</c>; larger means cleaner labels.</summary>
    /// <value>The default value is 4.</value>
    public double Separation { get; set; } = 4.0;

    /// <inheritdoc />
    protected internal override void Validate(List<string> errors)
    {
        base.Validate(errors);
        if (Rows < 2)
        {
            errors.Add($"Rows = {Rows} must be ≥ 2");
        }

        if (!double.IsFinite(Separation) || Separation < 0)
        {
            errors.Add($"Separation = {Separation} must be finite and ≥ 0");
        }
    }
}
