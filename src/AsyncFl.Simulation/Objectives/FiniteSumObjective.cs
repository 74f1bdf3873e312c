using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace AsyncFl.Simulation.Objectives;

/// <summary>
/// A finite sum of per-row losses of a linear model: <c>f(x) = (1/n) Σ_j φ(a_jᵀx, y_j) + (λ/2)‖x‖²</c>. Stochastic
/// gradients average a minibatch of rows drawn uniformly with replacement (from the client's rows when the data are
/// partitioned), so they are unbiased for the client's objective. <c>x*</c> and <c>f*</c> come from damped Newton's
/// method on the full data (Hessian assembled in O(n·d²), solved by MathNet's Cholesky), run to
/// <c>‖∇f‖ ≤ 1e−12·max(1, ‖∇f(0)‖)</c>; for least squares that is one step, the normal equations.
/// </summary>
public abstract class FiniteSumObjective : SimulationObjective
{
    private readonly double[] _a;      // n × d, row-major
    private readonly double[] _y;
    private readonly int[][]? _clientRows;
    private readonly double[] _optimum;

    /// <summary>Initialises the data and solves for the optimum.</summary>
    /// <param name="features">The rows a_j, row-major n × d (kept, not copied).</param>
    /// <param name="targets">y_j (kept, not copied).</param>
    /// <param name="dimension">d.</param>
    /// <param name="options">The options.</param>
    private protected FiniteSumObjective(double[] features, double[] targets, int dimension, FiniteSumOptions options)
        : base(dimension, options)
    {
        _a = features;
        _y = targets;
        Rows = targets.Length;
        BatchSize = options.BatchSize;
        L2 = options.L2;
        if (options.ClientRows is { } rows)
        {
            _clientRows = new int[rows.Count][];
            for (int i = 0; i < rows.Count; i++)
            {
                int[] r = rows[i] ?? throw new ArgumentException($"ClientRows[{i}] is null.", nameof(options));
                if (r.Length == 0)
                {
                    throw new ArgumentException($"ClientRows[{i}] is empty.", nameof(options));
                }

                foreach (int row in r)
                {
                    if ((uint)row >= (uint)Rows)
                    {
                        throw new ArgumentException($"ClientRows[{i}] contains row {row}, outside [0, {Rows}).", nameof(options));
                    }
                }

                _clientRows[i] = (int[])r.Clone();
            }
        }

        _optimum = new double[dimension];
    }

    /// <summary>n, the number of rows.</summary>
    public int Rows { get; }

    /// <summary>The minibatch size.</summary>
    public int BatchSize { get; }

    /// <summary>λ.</summary>
    public double L2 { get; }

    /// <summary>Row <paramref name="row"/>'s features.</summary>
    /// <param name="row">The row.</param>
    public ReadOnlySpan<double> Features(int row) => _a.AsSpan(row * Dimension, Dimension);

    /// <summary>Row <paramref name="row"/>'s target.</summary>
    /// <param name="row">The row.</param>
    public double Target(int row) => _y[row];

    /// <inheritdoc />
    public override double OptimalValue => OptimalValueCore;

    /// <inheritdoc />
    public override void CopyOptimum(Span<double> destination)
    {
        CheckLength(destination.Length);
        _optimum.CopyTo(destination);
    }

    /// <inheritdoc />
    public override int ClientSampleCount(int client) => _clientRows is null ? Rows : RowsOf(client).Length;

    private double OptimalValueCore { get; set; }

    /// <summary>Whether φ is quadratic in m (then one Newton step is exact).</summary>
    private protected virtual bool IsQuadratic => false;

    /// <summary>φ(m, y).</summary>
    /// <param name="margin">m = aᵀx.</param>
    /// <param name="target">y.</param>
    private protected abstract double Phi(double margin, double target);

    /// <summary>∂φ/∂m.</summary>
    /// <param name="margin">m.</param>
    /// <param name="target">y.</param>
    private protected abstract double PhiPrime(double margin, double target);

    /// <summary>∂²φ/∂m².</summary>
    /// <param name="margin">m.</param>
    /// <param name="target">y.</param>
    private protected abstract double PhiSecond(double margin, double target);

    /// <summary>Runs Newton's method; call at the end of the derived constructor.</summary>
    private protected void SolveOptimum()
    {
        int d = Dimension;
        var x = new double[d];
        var g = new double[d];
        var trial = new double[d];
        GradientCore(x, g);
        double tol = 1e-12 * Math.Max(1.0, Norm(g));
        double fx = LossCore(x);
        for (int iter = 0; iter < 100 && Norm(g) > tol; iter++)
        {
            Matrix<double> h = Hessian(x);
            Vector<double> step = h.Cholesky().Solve(Vector<double>.Build.DenseOfArray(g));
            double t = 1.0;
            for (int ls = 0; ls < 60; ls++)
            {
                for (int j = 0; j < d; j++)
                {
                    trial[j] = x[j] - (t * step[j]);
                }

                double ft = LossCore(trial);
                if (ft <= fx)
                {
                    break;
                }

                t *= 0.5;
            }

            double fTrial = LossCore(trial);
            if (fTrial > fx)
            {
                break; // no further progress in double precision
            }

            Array.Copy(trial, x, d);
            fx = fTrial;
            if (IsQuadratic)
            {
                break; // one full Newton step solves the normal equations exactly
            }

            GradientCore(x, g);
        }

        Array.Copy(x, _optimum, d);
        OptimalValueCore = fx;
    }

    /// <inheritdoc />
    protected override double LossCore(ReadOnlySpan<double> x)
    {
        double sum = 0;
        for (int j = 0; j < Rows; j++)
        {
            sum += Phi(TensorPrimitives.Dot(Features(j), x), _y[j]);
        }

        return (sum / Rows) + (0.5 * L2 * TensorPrimitives.Dot(x, x));
    }

    /// <inheritdoc />
    protected override void GradientCore(ReadOnlySpan<double> x, Span<double> gradient)
    {
        gradient.Clear();
        for (int j = 0; j < Rows; j++)
        {
            ReadOnlySpan<double> a = Features(j);
            double w = PhiPrime(TensorPrimitives.Dot(a, x), _y[j]) / Rows;
            TensorPrimitives.MultiplyAdd(a, w, gradient, gradient);
        }

        TensorPrimitives.MultiplyAdd(x, L2, gradient, gradient);
    }

    /// <inheritdoc />
    protected override double ClientLossCore(int client, ReadOnlySpan<double> x)
    {
        if (_clientRows is null)
        {
            return LossCore(x);
        }

        int[] rows = RowsOf(client);
        double sum = 0;
        foreach (int j in rows)
        {
            sum += Phi(TensorPrimitives.Dot(Features(j), x), _y[j]);
        }

        return (sum / rows.Length) + (0.5 * L2 * TensorPrimitives.Dot(x, x));
    }

    /// <inheritdoc />
    protected override double StochasticGradientCore(int client, ReadOnlySpan<double> x, Span<double> gradient, RandomSource random)
    {
        gradient.Clear();
        int[]? rows = _clientRows is null ? null : RowsOf(client);
        int pool = rows?.Length ?? Rows;
        double loss = 0;
        double inv = 1.0 / BatchSize;
        for (int b = 0; b < BatchSize; b++)
        {
            int k = random.Next(pool);
            int j = rows is null ? k : rows[k];
            ReadOnlySpan<double> a = Features(j);
            double m = TensorPrimitives.Dot(a, x);
            loss += Phi(m, _y[j]);
            TensorPrimitives.MultiplyAdd(a, PhiPrime(m, _y[j]) * inv, gradient, gradient);
        }

        TensorPrimitives.MultiplyAdd(x, L2, gradient, gradient);
        return (loss * inv) + (0.5 * L2 * TensorPrimitives.Dot(x, x));
    }

    private int[] RowsOf(int client)
    {
        if ((uint)client >= (uint)_clientRows!.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(client), client, $"The data are partitioned between {_clientRows.Length} clients.");
        }

        return _clientRows[client];
    }

    private Matrix<double> Hessian(ReadOnlySpan<double> x)
    {
        int d = Dimension;
        var h = new double[d * d]; // row-major; only the upper triangle is accumulated
        for (int j = 0; j < Rows; j++)
        {
            ReadOnlySpan<double> a = Features(j);
            double w = PhiSecond(TensorPrimitives.Dot(a, x), _y[j]) / Rows;
            if (w == 0)
            {
                continue;
            }

            for (int p = 0; p < d; p++)
            {
                double ap = a[p] * w;
                if (ap == 0)
                {
                    continue;
                }

                Span<double> hrow = h.AsSpan((p * d) + p, d - p);
                TensorPrimitives.MultiplyAdd(a[p..], ap, hrow, hrow);
            }
        }

        var m = Matrix<double>.Build.Dense(d, d);
        for (int p = 0; p < d; p++)
        {
            for (int q = p; q < d; q++)
            {
                double v = h[(p * d) + q];
                m[p, q] = v;
                m[q, p] = v;
            }

            m[p, p] += L2;
        }

        return m;
    }

    private static double Norm(ReadOnlySpan<double> v) => Math.Sqrt(TensorPrimitives.Dot(v, v));
}
