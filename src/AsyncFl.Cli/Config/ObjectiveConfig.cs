namespace AsyncFl.Cli.Config;

/// <summary>A synthetic objective.</summary>
internal sealed class ObjectiveConfig
{
    /// <summary>"quadratic" (the worst-case tridiagonal quadratic), "least-squares" or "logistic-regression".</summary>
    public string? Kind { get; set; }

    /// <summary>Number of parameters.</summary>
    public int Dimension { get; set; } = 100;

    /// <summary>Standard deviation of the stochastic-gradient noise.</summary>
    public double Noise { get; set; }

    /// <summary>Smoothness constant L (quadratic).</summary>
    public double? Smoothness { get; set; }

    /// <summary>Rows of the data matrix (least squares, logistic regression).</summary>
    public int? Samples { get; set; }

    /// <summary>Mini-batch size per stochastic gradient (least squares, logistic regression).</summary>
    public int? BatchSize { get; set; }
}
