using AsyncFl.Backends;

namespace AsyncFl.Testing;

/// <summary>
/// The strongly convex test problem <c>f(x) = ½ Σ_j a_j x_j²</c> with curvatures <c>a_j</c> spread evenly over
/// <c>[μ, L]</c> and its minimum <c>f* = 0</c> at the origin, as a client workload: a client runs
/// <see cref="ClientWork.LocalSteps"/> steps of gradient descent from the base model and returns what
/// <see cref="PayloadKind"/> names (the gradient at the base model, the delta, the pseudo-gradient or the new weights).
/// Cheap enough that a property runs hundreds of simulated tasks in milliseconds, exact enough that convergence
/// bounds can be checked against it (<see cref="QuadraticConvergenceBound"/>).
/// </summary>
public sealed class QuadraticWorkload : IClientWorkload
{
    private readonly double[] _curvature;

    /// <summary>Creates the problem.</summary>
    /// <param name="dimension">Number of parameters, ≥ 1.</param>
    /// <param name="payloadKind">What a client returns.</param>
    /// <param name="mu">Smallest curvature μ &gt; 0 (strong convexity).</param>
    /// <param name="smoothness">Largest curvature L ≥ μ (smoothness).</param>
    /// <param name="localLearningRate">Step size γ of the client's local gradient descent when the task names none;
    /// in (0, 2/L) for local descent to contract.</param>
    /// <param name="gradientNoise">Standard deviation of Gaussian noise added to every local gradient coordinate
    /// (drawn from the task's seeded stream); 0 for exact gradients.</param>
    public QuadraticWorkload(
        int dimension,
        UpdatePayloadKind payloadKind = UpdatePayloadKind.Gradient,
        double mu = 0.5,
        double smoothness = 1.0,
        double localLearningRate = 0.5,
        double gradientNoise = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        if (!Enum.IsDefined(payloadKind))
        {
            throw new ArgumentOutOfRangeException(nameof(payloadKind), payloadKind, "Unknown payload kind.");
        }

        if (!(mu > 0 && double.IsFinite(mu)))
        {
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "μ must be finite and > 0.");
        }

        if (!(smoothness >= mu && double.IsFinite(smoothness)))
        {
            throw new ArgumentOutOfRangeException(nameof(smoothness), smoothness, "L must be finite and ≥ μ.");
        }

        if (!(localLearningRate > 0 && localLearningRate < 2 / smoothness))
        {
            throw new ArgumentOutOfRangeException(nameof(localLearningRate), localLearningRate, "γ must lie in (0, 2/L).");
        }

        if (!(gradientNoise >= 0 && double.IsFinite(gradientNoise)))
        {
            throw new ArgumentOutOfRangeException(nameof(gradientNoise), gradientNoise, "The noise must be finite and ≥ 0.");
        }

        Dimension = dimension;
        PayloadKind = payloadKind;
        Mu = mu;
        Smoothness = smoothness;
        LocalLearningRate = localLearningRate;
        GradientNoise = gradientNoise;
        _curvature = new double[dimension];
        for (int j = 0; j < dimension; j++)
        {
            _curvature[j] = dimension == 1 ? mu : mu + ((smoothness - mu) * j / (dimension - 1));
        }
    }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    public UpdatePayloadKind PayloadKind { get; }

    /// <summary>Smallest curvature μ.</summary>
    public double Mu { get; }

    /// <summary>Largest curvature L.</summary>
    public double Smoothness { get; }

    /// <summary>Local step size γ used when a task names none.</summary>
    public double LocalLearningRate { get; }

    /// <summary>Standard deviation of the gradient noise.</summary>
    public double GradientNoise { get; }

    /// <summary>The curvature a_j of coordinate <paramref name="j"/>.</summary>
    /// <param name="j">The coordinate.</param>
    /// <returns>a_j.</returns>
    public double Curvature(int j) => _curvature[j];

    /// <summary>The starting point used by the conformance suite: every coordinate 1.</summary>
    /// <returns>A new array.</returns>
    public float[] InitialPoint()
    {
        var x = new float[Dimension];
        Array.Fill(x, 1f);
        return x;
    }

    /// <summary><c>f(x) − f* = f(x)</c>.</summary>
    /// <param name="x">A point of length <see cref="Dimension"/>.</param>
    /// <returns>The suboptimality.</returns>
    public double Loss(ReadOnlySpan<float> x)
    {
        if (x.Length != Dimension)
        {
            throw new ArgumentException($"The point has {x.Length} coordinates; the problem has {Dimension}.", nameof(x));
        }

        double f = 0;
        for (int j = 0; j < x.Length; j++)
        {
            f += 0.5 * _curvature[j] * x[j] * x[j];
        }

        return f;
    }

    /// <summary><c>f(x) − f*</c> at the global model.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The suboptimality.</returns>
    public double Loss(GlobalModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Loss(model.Parameters.ToArray());
    }

    /// <inheritdoc />
    public void Execute(in ClientWork work, ParameterVector baseModel, ClientUpdate update, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(random);
        int steps = Math.Max(1, work.LocalSteps);
        float[] x0 = baseModel.ToArray();
        var x = new double[x0.Length];
        for (int j = 0; j < x.Length; j++)
        {
            x[j] = x0[j];
        }

        var result = new float[x0.Length];
        if (PayloadKind == UpdatePayloadKind.Gradient)
        {
            for (int j = 0; j < x.Length; j++)
            {
                result[j] = (float)Gradient(j, x[j], random);
            }
        }
        else
        {
            for (int s = 0; s < steps; s++)
            {
                double gamma = work.RateAt(s, LocalLearningRate);
                for (int j = 0; j < x.Length; j++)
                {
                    x[j] -= gamma * Gradient(j, x[j], random);
                }
            }

            for (int j = 0; j < x.Length; j++)
            {
                result[j] = PayloadKind switch
                {
                    UpdatePayloadKind.Weights => (float)x[j],
                    UpdatePayloadKind.ModelDelta => (float)(x[j] - x0[j]),
                    _ => (float)(x0[j] - x[j]),
                };
            }
        }

        update.Payload.CopyFrom(result);
        update.SampleCount = steps;
        update.Loss = Loss(x0);
    }

    private double Gradient(int j, double xj, RandomSource random) =>
        (_curvature[j] * xj) + (GradientNoise > 0 ? GradientNoise * random.NextGaussian() : 0);
}
