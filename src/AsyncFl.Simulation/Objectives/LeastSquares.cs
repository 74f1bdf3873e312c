using MathNet.Numerics.Distributions;

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

/// <summary>
/// Least squares from Mishchenko et al.'s asynchronous-SGD experiment (scheduler spec §0.3, problem 3):
/// <c>A ∈ R^{n×d}</c>, <c>A_jk ~ U(0,1)/√d</c>, <c>x_rand ~ N(0, I)</c>, <c>b = A x_rand + ν·N(0, I)</c> (ν = 1e−5), and
/// <c>f(x) = (1/(2n)) ‖Ax − b‖² + (λ/2)‖x‖²</c>. Minibatch stochastic gradients; <c>x*</c> from the normal equations
/// <c>(AᵀA/n + λI) x = Aᵀb/n</c> (Cholesky, one Newton step; the defaults n = 10 000, d = 400 take a few seconds to set up).
/// </summary>
public sealed class LeastSquares : FiniteSumObjective
{
    /// <summary>Creates the problem (data drawn from <see cref="ObjectiveOptions.Seed"/>).</summary>
    /// <param name="options">The options.</param>
    public LeastSquares(LeastSquaresOptions options)
        : this(Generate(options), options)
    {
    }

    private LeastSquares((double[] A, double[] B) data, LeastSquaresOptions options)
        : base(data.A, data.B, options.Dimension, options)
    {
        SolveOptimum();
    }

    private protected override bool IsQuadratic => true;

    private protected override double Phi(double margin, double target)
    {
        double r = margin - target;
        return 0.5 * r * r;
    }

    private protected override double PhiPrime(double margin, double target) => margin - target;

    private protected override double PhiSecond(double margin, double target) => 1.0;

    private static (double[] A, double[] B) Generate(LeastSquaresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        options.Validate(errors);
        if (options.Dimension < 1)
        {
            errors.Add($"Dimension = {options.Dimension} must be ≥ 1");
        }

        Validation.Throw(errors, "LeastSquares options");
        int n = options.Rows, d = options.Dimension;
        var random = RandomSource.Create(options.Seed, 0x15);
        var a = new double[(long)n * d];
        double scale = 1.0 / Math.Sqrt(d);
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = random.NextDouble() * scale;
        }

        var xr = new double[d];
        for (int k = 0; k < d; k++)
        {
            xr[k] = Normal.Sample(random, 0, 1);
        }

        var b = new double[n];
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            for (int k = 0; k < d; k++)
            {
                s += a[((long)j * d) + k] * xr[k];
            }

            b[j] = s + (options.TargetNoise * Normal.Sample(random, 0, 1));
        }

        return (a, b);
    }
}
