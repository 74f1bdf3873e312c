using MathNet.Numerics.Distributions;

namespace AsyncFl.Simulation.Objectives;

/// <summary>
/// L2-regularised logistic regression on synthetic data from a planted model: features <c>a_j ~ N(0, I_d)</c>,
/// <c>w_true ~ N(0, (s²/d) I)</c>, label <c>y_j = +1</c> with probability <c>σ(a_jᵀw_true)</c>, else −1 (so the classes
/// overlap and the minimiser is finite even for λ = 0 when n ≫ d). <c>f(x) = (1/n) Σ log(1 + exp(−y_j a_jᵀx)) + (λ/2)‖x‖²</c>;
/// f* by Newton's method. <see cref="Labels"/> (0/1) feed the partitioners for label-skewed clients.
/// </summary>
public sealed class LogisticRegression : FiniteSumObjective
{
    private readonly int[] _labels;

    /// <summary>Creates the problem (data drawn from <see cref="ObjectiveOptions.Seed"/>).</summary>
    /// <param name="options">The options.</param>
    public LogisticRegression(LogisticRegressionOptions options)
        : this(Generate(options), options)
    {
    }

    private LogisticRegression((double[] A, double[] Y) data, LogisticRegressionOptions options)
        : base(data.A, data.Y, options.Dimension, options)
    {
        _labels = new int[data.Y.Length];
        for (int j = 0; j < _labels.Length; j++)
        {
            _labels[j] = data.Y[j] > 0 ? 1 : 0;
        }

        SolveOptimum();
    }

    /// <summary>The class of each row (1 for y = +1, 0 for y = −1), for partitioners.</summary>
    public IReadOnlyList<int> Labels => _labels;

    private protected override double Phi(double margin, double target) => Softplus(-target * margin);

    private protected override double PhiPrime(double margin, double target) => -target * Sigmoid(-target * margin);

    private protected override double PhiSecond(double margin, double target)
    {
        double s = Sigmoid(margin);
        return s * (1 - s);
    }

    private static double Sigmoid(double z) => z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z));

    private static double Softplus(double z) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z)));

    private static (double[] A, double[] Y) Generate(LogisticRegressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        options.Validate(errors);
        if (options.Dimension < 1)
        {
            errors.Add($"Dimension = {options.Dimension} must be ≥ 1");
        }

        Validation.Throw(errors, "LogisticRegression options");
        int n = options.Rows, d = options.Dimension;
        var random = RandomSource.Create(options.Seed, 0x106);
        var w = new double[d];
        double ws = options.Separation / Math.Sqrt(d);
        for (int k = 0; k < d; k++)
        {
            w[k] = Normal.Sample(random, 0, ws);
        }

        var a = new double[(long)n * d];
        var y = new double[n];
        for (int j = 0; j < n; j++)
        {
            double m = 0;
            for (int k = 0; k < d; k++)
            {
                double v = Normal.Sample(random, 0, 1);
                a[((long)j * d) + k] = v;
                m += v * w[k];
            }

            y[j] = random.NextDouble() < Sigmoid(m) ? 1.0 : -1.0;
        }

        return (a, y);
    }
}
