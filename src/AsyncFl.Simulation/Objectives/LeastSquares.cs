using MathNet.Numerics.Distributions;

namespace AsyncFl.Simulation.Objectives;

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
