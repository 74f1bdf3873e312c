namespace AsyncFl.Simulation.Objectives;

/// <summary>
/// The "worst-case" tridiagonal quadratic of Tyurin's experiments (scheduler spec §0.3):
/// <c>f(x) = ½ xᵀAx − bᵀx</c>, <c>A = (L/4)·tridiag(−1, 2, −1) + (μ − λ_min)·I</c> with
/// <c>λ_min = L·sin²(π / (2(d+1)))</c> the smallest eigenvalue of the unshifted matrix, so that the smallest eigenvalue
/// of A is μ; <c>b = (L/4)·(−1, 0, …, 0)</c>. Matrix-free: O(d) per gradient. Stochastic gradients use the <c>add</c>
/// noise <c>∇f(x) + c·z·𝟙</c>, <c>z ~ N(0, 1)</c> (variance <c>c²d</c>). <c>x* = A⁻¹b</c> by the Thomas algorithm,
/// <c>f* = −½ bᵀx*</c>. Client <c>i</c> (with heterogeneity) minimises <c>½xᵀAx − b_iᵀx</c>, <c>b_i = b − s_i</c>.
/// </summary>
public sealed class TridiagonalQuadratic : SimulationObjective
{
    private readonly double _diag;
    private readonly double _off; // the off-diagonal entry (= −L/4)
    private readonly double _b0;
    private readonly double _noise;
    private readonly double[] _optimum;

    /// <summary>Creates the problem.</summary>
    /// <param name="options">The options (validated; all problems reported at once).</param>
    public TridiagonalQuadratic(TridiagonalQuadraticOptions options)
        : base(Check(options).Dimension, options)
    {
        int d = options.Dimension;
        double l = options.Smoothness;
        double s = Math.Sin(Math.PI / (2.0 * (d + 1)));
        SmallestUnshiftedEigenvalue = l * s * s;
        _diag = (l / 2.0) - SmallestUnshiftedEigenvalue + options.StrongConvexity;
        _off = -l / 4.0;
        _b0 = -l / 4.0;
        _noise = options.NoiseScale;
        Smoothness = l;
        StrongConvexity = options.StrongConvexity;
        _optimum = SolveThomas(d, _diag, _off, _b0);
        OptimalValue = -0.5 * _b0 * _optimum[0];
    }

    /// <summary>L.</summary>
    public double Smoothness { get; }

    /// <summary>μ.</summary>
    public double StrongConvexity { get; }

    /// <summary><c>λ_min((L/4)·tridiag(−1,2,−1)) = L·sin²(π/(2(d+1)))</c>.</summary>
    public double SmallestUnshiftedEigenvalue { get; }

    /// <summary>The diagonal entry of A.</summary>
    public double DiagonalEntry => _diag;

    /// <summary>The off-diagonal entry of A (−L/4).</summary>
    public double OffDiagonalEntry => _off;

    /// <summary>σ² = c²·d: the variance of one stochastic gradient.</summary>
    public double GradientVariance => _noise * _noise * Dimension;

    /// <inheritdoc />
    public override double OptimalValue { get; }

    /// <inheritdoc />
    public override void CopyOptimum(Span<double> destination)
    {
        CheckLength(destination.Length);
        _optimum.CopyTo(destination);
    }

    /// <summary>Solves <c>T x = r</c> for a symmetric tridiagonal Toeplitz T (diagonal <paramref name="diag"/>, off-diagonal
    /// <paramref name="off"/>) and <c>r = (r0, 0, …, 0)</c> by the Thomas algorithm (stable: T is positive definite).</summary>
    /// <param name="d">Size.</param>
    /// <param name="diag">Diagonal entry.</param>
    /// <param name="off">Off-diagonal entry.</param>
    /// <param name="r0">First entry of the right-hand side.</param>
    internal static double[] SolveThomas(int d, double diag, double off, double r0)
    {
        var c = new double[d];
        var r = new double[d];
        double denom = diag;
        c[0] = off / denom;
        r[0] = r0 / denom;
        for (int j = 1; j < d; j++)
        {
            denom = diag - (off * c[j - 1]);
            c[j] = off / denom;
            r[j] = (0.0 - (off * r[j - 1])) / denom;
        }

        var x = new double[d];
        x[d - 1] = r[d - 1];
        for (int j = d - 2; j >= 0; j--)
        {
            x[j] = r[j] - (c[j] * x[j + 1]);
        }

        return x;
    }

    /// <inheritdoc />
    protected override double LossCore(ReadOnlySpan<double> x)
    {
        // ½ xᵀAx − bᵀx, with xᵀAx = diag·Σx² + 2·off·Σ x_j x_{j+1}
        double sq = 0, cross = 0;
        for (int j = 0; j < x.Length; j++)
        {
            sq += x[j] * x[j];
            if (j + 1 < x.Length)
            {
                cross += x[j] * x[j + 1];
            }
        }

        return (0.5 * ((_diag * sq) + (2 * _off * cross))) - (_b0 * x[0]);
    }

    /// <inheritdoc />
    protected override void GradientCore(ReadOnlySpan<double> x, Span<double> gradient)
    {
        int d = x.Length;
        for (int j = 0; j < d; j++)
        {
            double left = j > 0 ? x[j - 1] : 0;
            double right = j + 1 < d ? x[j + 1] : 0;
            gradient[j] = (_diag * x[j]) + (_off * (left + right));
        }

        gradient[0] -= _b0;
    }

    /// <inheritdoc />
    protected override double StochasticGradientCore(int client, ReadOnlySpan<double> x, Span<double> gradient, RandomSource random)
    {
        GradientCore(x, gradient);
        if (_noise > 0)
        {
            double shift = _noise * random.NextGaussian();
            for (int j = 0; j < gradient.Length; j++)
            {
                gradient[j] += shift;
            }
        }

        return LossCore(x);
    }

    private static TridiagonalQuadraticOptions Check(TridiagonalQuadraticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }
}
