using System.Buffers;
using AsyncFl.Backends;

namespace AsyncFl.Simulation.Objectives;

/// <summary>
/// A synthetic problem <c>min f(x)</c> with a known optimum, usable as the clients' <see cref="IClientWorkload"/>:
/// exact loss and gradient for metrics, stochastic gradients for clients, optional per-client linear shifts
/// (<see cref="ObjectiveOptions.Heterogeneity"/>) for client-drift experiments.
/// </summary>
/// <remarks>
/// <para><see cref="Execute"/> is thread-safe (per-call buffers from <see cref="ArrayPool{T}"/>; the problem data are
/// read-only) and deterministic given the stream passed in. Arithmetic is in double precision; the payload is
/// rounded to float at the end.</para>
/// <para>Payloads. <see cref="UpdatePayloadKind.Gradient"/>: <c>g = (1/K) Σ_{k&lt;K} ∇f_i(x_base; ξ_k)</c>, the mean of
/// <c>K = LocalSteps</c> independent stochastic gradients at the base model. <see cref="UpdatePayloadKind.ModelDelta"/>:
/// <c>K</c> local SGD steps <c>x ← x − η ∇f_i(x; ξ_k)</c> from <c>x_base</c> with <c>η</c> the task's learning rate (or
/// <see cref="ObjectiveOptions.DefaultLearningRate"/>), returning <c>Δ = x_K − x_base</c>. <see cref="UpdatePayloadKind.Weights"/>:
/// the same <c>K</c> local steps, returning the end weights <c>x_K</c> (computed in double precision, rounded once).
/// <see cref="ClientUpdate.Loss"/>
/// is the client's stochastic loss estimate at the base model; <see cref="ClientUpdate.SampleCount"/> is
/// <see cref="ClientSampleCount"/>.</para>
/// </remarks>
public abstract class SimulationObjective : IClientWorkload
{
    private readonly double[]? _shifts; // ClientCount × d, Σ_i s_i = 0
    private readonly int _shiftClients;

    /// <summary>Initialises the shared state (validates <paramref name="options"/> and draws the client shifts).</summary>
    /// <param name="dimension">d.</param>
    /// <param name="options">The shared options.</param>
    /// <param name="extraErrors">Problems the derived class found, reported together with the shared ones.</param>
    protected SimulationObjective(int dimension, ObjectiveOptions options, List<string>? extraErrors = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = extraErrors ?? [];
        if (dimension < 1)
        {
            errors.Add($"Dimension = {dimension} must be ≥ 1");
        }

        options.Validate(errors);
        Validation.Throw(errors, GetType().Name + " options");
        Dimension = dimension;
        PayloadKind = options.PayloadKind;
        DefaultLearningRate = options.DefaultLearningRate;
        Heterogeneity = options.Heterogeneity;
        if (options.Heterogeneity > 0)
        {
            _shiftClients = options.ClientCount;
            _shifts = DrawShifts(options.ClientCount, dimension, options.Heterogeneity, RandomSource.Create(options.Seed, 0x5_41F7));
            double sum = 0;
            foreach (double v in _shifts)
            {
                sum += v * v;
            }

            GradientDissimilarity = sum / options.ClientCount;
        }
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public UpdatePayloadKind PayloadKind { get; }

    /// <summary>The local step size used when a task does not set one.</summary>
    public double DefaultLearningRate { get; }

    /// <summary>ζ of the client shifts (0 = IID).</summary>
    public double Heterogeneity { get; }

    /// <summary>The exact heterogeneity <c>(1/n) Σ_i ‖∇f_i(x) − ∇f(x)‖² = (1/n) Σ_i ‖s_i‖²</c> (the same at every x; 0 for IID).</summary>
    public double GradientDissimilarity { get; }

    /// <summary>f* = min f (exact up to the solver's rounding).</summary>
    public abstract double OptimalValue { get; }

    /// <summary>Copies a minimiser x* into <paramref name="destination"/> (length d).</summary>
    /// <param name="destination">Receives x*.</param>
    public abstract void CopyOptimum(Span<double> destination);

    /// <summary>The starting point the papers use (zeros unless the problem says otherwise), as a new array.</summary>
    public virtual float[] CreateInitialPoint() => new float[Dimension];

    /// <summary>The number of samples behind client <paramref name="client"/>'s objective (its <see cref="ClientUpdate.SampleCount"/>).</summary>
    /// <param name="client">The client.</param>
    public virtual int ClientSampleCount(int client) => 1;

    /// <summary>The global loss f(x).</summary>
    /// <param name="x">The point (length d).</param>
    public double Loss(ReadOnlySpan<float> x)
    {
        CheckLength(x.Length);
        double[] buffer = ArrayPool<double>.Shared.Rent(Dimension);
        try
        {
            Span<double> xd = buffer.AsSpan(0, Dimension);
            Widen(x, xd);
            return LossCore(xd);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>The global loss f(x) of a parameter vector of any backend.</summary>
    /// <param name="x">The point.</param>
    public double Loss(ParameterVector x) => WithSpan(x, static (self, s) => self.Loss(s));

    /// <summary><c>f(x) − f*</c>.</summary>
    /// <param name="x">The point.</param>
    public double Suboptimality(ReadOnlySpan<float> x) => Loss(x) - OptimalValue;

    /// <summary><c>f(x) − f*</c> of a parameter vector of any backend.</summary>
    /// <param name="x">The point.</param>
    public double Suboptimality(ParameterVector x) => Loss(x) - OptimalValue;

    /// <summary>Writes the exact gradient <c>∇f(x)</c>.</summary>
    /// <param name="x">The point (length d).</param>
    /// <param name="gradient">Receives ∇f(x) (length d).</param>
    public void Gradient(ReadOnlySpan<float> x, Span<double> gradient)
    {
        CheckLength(x.Length);
        CheckLength(gradient.Length);
        double[] buffer = ArrayPool<double>.Shared.Rent(Dimension);
        try
        {
            Span<double> xd = buffer.AsSpan(0, Dimension);
            Widen(x, xd);
            GradientCore(xd, gradient);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary><c>‖∇f(x)‖²</c>, exact.</summary>
    /// <param name="x">The point (length d).</param>
    public double GradientNormSquared(ReadOnlySpan<float> x)
    {
        double[] g = ArrayPool<double>.Shared.Rent(Dimension);
        try
        {
            Span<double> gs = g.AsSpan(0, Dimension);
            Gradient(x, gs);
            double sum = 0;
            foreach (double v in gs)
            {
                sum += v * v;
            }

            return sum;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(g);
        }
    }

    /// <summary><c>‖∇f(x)‖²</c> of a parameter vector of any backend.</summary>
    /// <param name="x">The point.</param>
    public double GradientNormSquared(ParameterVector x) => WithSpan(x, static (self, s) => self.GradientNormSquared(s));

    /// <summary>Loss of client <paramref name="client"/>'s objective <c>f_i(x) = f(x) + ⟨s_i, x⟩</c> (its local data for
    /// data-partitioned problems).</summary>
    /// <param name="client">The client.</param>
    /// <param name="x">The point.</param>
    public double ClientLoss(int client, ReadOnlySpan<float> x)
    {
        CheckLength(x.Length);
        double[] buffer = ArrayPool<double>.Shared.Rent(Dimension);
        try
        {
            Span<double> xd = buffer.AsSpan(0, Dimension);
            Widen(x, xd);
            return ClientLossCore(client, xd) + ShiftDot(client, xd);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes one stochastic gradient of client <paramref name="client"/>'s objective at <paramref name="x"/>.</summary>
    /// <param name="client">The client.</param>
    /// <param name="x">The point.</param>
    /// <param name="gradient">Receives the stochastic gradient.</param>
    /// <param name="random">The seeded stream.</param>
    /// <returns>The stochastic loss estimate at <paramref name="x"/>.</returns>
    public double StochasticGradient(int client, ReadOnlySpan<float> x, Span<double> gradient, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        CheckLength(x.Length);
        CheckLength(gradient.Length);
        double[] buffer = ArrayPool<double>.Shared.Rent(Dimension);
        try
        {
            Span<double> xd = buffer.AsSpan(0, Dimension);
            Widen(x, xd);
            double loss = StochasticGradientCore(client, xd, gradient, random);
            AddShift(client, xd, gradient, ref loss);
            return loss;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public void Execute(in ClientWork work, ParameterVector baseModel, ClientUpdate update, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(random);
        CheckLength(baseModel.Length);
        CheckLength(update.Payload.Length);
        int steps = work.LocalSteps;
        if (steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(work), steps, "LocalSteps must be ≥ 1.");
        }

        double lr = double.IsNaN(work.LearningRate) ? DefaultLearningRate : work.LearningRate;
        if (!double.IsFinite(lr))
        {
            throw new ArgumentOutOfRangeException(nameof(work), work.LearningRate, "The learning rate must be finite (or NaN for the default).");
        }

        var schedule = work.LearningRateSchedule;

        int d = Dimension;
        float[] f = ArrayPool<float>.Shared.Rent(d);
        double[] buf = ArrayPool<double>.Shared.Rent(3 * d);
        try
        {
            Span<float> xf = f.AsSpan(0, d);
            baseModel.CopyTo(xf);
            Span<double> x = buf.AsSpan(0, d);
            Span<double> g = buf.AsSpan(d, d);
            Span<double> acc = buf.AsSpan(2 * d, d);
            Widen(xf, x);
            acc.Clear();
            double loss = double.NaN;
            int client = work.ClientId;
            if (PayloadKind == UpdatePayloadKind.Gradient)
            {
                double lossSum = 0;
                for (int k = 0; k < steps; k++)
                {
                    double l = StochasticGradientCore(client, x, g, random);
                    AddShift(client, x, g, ref l);
                    lossSum += l;
                    for (int j = 0; j < d; j++)
                    {
                        acc[j] += g[j];
                    }
                }

                loss = lossSum / steps;
                double inv = 1.0 / steps;
                for (int j = 0; j < d; j++)
                {
                    xf[j] = (float)(acc[j] * inv);
                }
            }
            else
            {
                // ModelDelta and Weights: local SGD; acc holds x_k − x_base, x holds x_k
                for (int k = 0; k < steps; k++)
                {
                    double l = StochasticGradientCore(client, x, g, random);
                    AddShift(client, x, g, ref l);
                    if (k == 0)
                    {
                        loss = l;
                    }

                    // A task's schedule sets the rate of every local step k; otherwise it is constant.
                    double rate = schedule is null ? lr : work.RateAt(k, DefaultLearningRate);
                    for (int j = 0; j < d; j++)
                    {
                        double step = rate * g[j];
                        x[j] -= step;
                        acc[j] -= step;
                    }
                }

                Span<double> result = PayloadKind == UpdatePayloadKind.Weights ? x : acc;
                for (int j = 0; j < d; j++)
                {
                    xf[j] = (float)result[j];
                }
            }

            update.Payload.CopyFrom(xf);
            update.ClientId = client;
            update.TaskId = work.TaskId;
            update.Kind = PayloadKind;
            update.LocalSteps = steps;
            update.SampleCount = Math.Max(1, ClientSampleCount(client));
            update.Loss = loss;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(f);
            ArrayPool<double>.Shared.Return(buf);
        }
    }

    /// <summary>f(x) in double precision.</summary>
    /// <param name="x">The point.</param>
    protected abstract double LossCore(ReadOnlySpan<double> x);

    /// <summary>∇f(x) in double precision.</summary>
    /// <param name="x">The point.</param>
    /// <param name="gradient">Receives the gradient.</param>
    protected abstract void GradientCore(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>The unshifted client objective's exact loss (the global loss unless data are partitioned).</summary>
    /// <param name="client">The client.</param>
    /// <param name="x">The point.</param>
    protected virtual double ClientLossCore(int client, ReadOnlySpan<double> x) => LossCore(x);

    /// <summary>One stochastic gradient of the unshifted client objective; must be thread-safe.</summary>
    /// <param name="client">The client.</param>
    /// <param name="x">The point.</param>
    /// <param name="gradient">Receives the stochastic gradient.</param>
    /// <param name="random">The seeded stream.</param>
    /// <returns>A loss estimate at x.</returns>
    protected abstract double StochasticGradientCore(int client, ReadOnlySpan<double> x, Span<double> gradient, RandomSource random);

    /// <summary>Throws a clear error for a wrong length.</summary>
    /// <param name="length">The length given.</param>
    protected void CheckLength(int length)
    {
        if (length != Dimension)
        {
            ThrowLength(length);
        }
    }

    private void ThrowLength(int length) =>
        throw new ArgumentException($"Expected a vector of length {Dimension}, got {length}.");

    private static void Widen(ReadOnlySpan<float> x, Span<double> destination)
    {
        for (int j = 0; j < x.Length; j++)
        {
            destination[j] = x[j];
        }
    }

    private double WithSpan(ParameterVector x, Func<SimulationObjective, ReadOnlySpan<float>, double> body)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckLength(x.Length);
        if (x is CpuVector cpu)
        {
            return body(this, cpu.Span);
        }

        float[] tmp = ArrayPool<float>.Shared.Rent(Dimension);
        try
        {
            Span<float> s = tmp.AsSpan(0, Dimension);
            x.CopyTo(s);
            return body(this, s);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(tmp);
        }
    }

    private double ShiftDot(int client, ReadOnlySpan<double> x)
    {
        if (_shifts is null)
        {
            return 0;
        }

        ReadOnlySpan<double> s = ShiftOf(client);
        double dot = 0;
        for (int j = 0; j < s.Length; j++)
        {
            dot += s[j] * x[j];
        }

        return dot;
    }

    private void AddShift(int client, ReadOnlySpan<double> x, Span<double> gradient, ref double loss)
    {
        if (_shifts is null)
        {
            return;
        }

        ReadOnlySpan<double> s = ShiftOf(client);
        double dot = 0;
        for (int j = 0; j < s.Length; j++)
        {
            gradient[j] += s[j];
            dot += s[j] * x[j];
        }

        loss += dot;
    }

    private ReadOnlySpan<double> ShiftOf(int client)
    {
        if ((uint)client >= (uint)_shiftClients)
        {
            throw new ArgumentOutOfRangeException(nameof(client), client, $"The objective has client shifts for {_shiftClients} clients.");
        }

        return _shifts.AsSpan(client * Dimension, Dimension);
    }

    private static double[] DrawShifts(int clients, int d, double zeta, RandomSource random)
    {
        var s = new double[(long)clients * d];
        double sd = zeta / Math.Sqrt(d);
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = sd * random.NextGaussian();
        }

        for (int j = 0; j < d; j++)
        {
            double mean = 0;
            for (int i = 0; i < clients; i++)
            {
                mean += s[(i * d) + j];
            }

            mean /= clients;
            for (int i = 0; i < clients; i++)
            {
                s[(i * d) + j] -= mean;
            }
        }

        return s;
    }
}
