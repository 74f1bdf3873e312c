using System.Globalization;
using MathNet.Numerics.Distributions;

namespace AsyncFl.Simulation;

/// <summary>
/// A non-negative random delay <c>η</c> added to a device's fixed compute time (MindFlayer's <c>τ_i + η_i</c> model).
/// Immutable and thread-safe; draws come from the seeded <see cref="RandomSource"/> passed to <see cref="Sample"/>
/// (through MathNet.Numerics' distributions).
/// </summary>
public sealed class NoiseDistribution
{
    private NoiseDistribution(NoiseKind kind, double p1, double p2)
    {
        Kind = kind;
        Parameter1 = p1;
        Parameter2 = p2;
    }

    /// <summary>No noise.</summary>
    public static NoiseDistribution None { get; } = new(NoiseKind.None, 0, 0);

    /// <summary>The family.</summary>
    public NoiseKind Kind { get; }

    /// <summary>First parameter: σ (half-normal), mean (exponential), μ (log-normal), x_m (Pareto), a (uniform).</summary>
    public double Parameter1 { get; }

    /// <summary>Second parameter: σ (log-normal), α (Pareto), b (uniform); 0 otherwise.</summary>
    public double Parameter2 { get; }

    /// <summary>The mean of one draw (∞ for a Pareto with α ≤ 1).</summary>
    public double Mean => Kind switch
    {
        NoiseKind.None => 0,
        NoiseKind.HalfNormal => Parameter1 * Math.Sqrt(2.0 / Math.PI),
        NoiseKind.Exponential => Parameter1,
        NoiseKind.LogNormal => Math.Exp(Parameter1 + (0.5 * Parameter2 * Parameter2)),
        NoiseKind.Pareto => Parameter2 > 1 ? Parameter2 * Parameter1 / (Parameter2 - 1) : double.PositiveInfinity,
        NoiseKind.Uniform => 0.5 * (Parameter1 + Parameter2),
        _ => double.NaN,
    };

    /// <summary><c>|N(0, σ²)|</c>.</summary>
    /// <param name="sigma">σ ≥ 0.</param>
    public static NoiseDistribution HalfNormal(double sigma)
    {
        CheckNonNegative(sigma, nameof(sigma));
        return new(NoiseKind.HalfNormal, sigma, 0);
    }

    /// <summary>Exponential with mean <paramref name="mean"/>.</summary>
    /// <param name="mean">Mean &gt; 0.</param>
    public static NoiseDistribution Exponential(double mean)
    {
        CheckPositive(mean, nameof(mean));
        return new(NoiseKind.Exponential, mean, 0);
    }

    /// <summary><c>exp(N(μ, σ²))</c>.</summary>
    /// <param name="mu">μ of the logarithm (finite).</param>
    /// <param name="sigma">σ ≥ 0 of the logarithm.</param>
    public static NoiseDistribution LogNormal(double mu, double sigma)
    {
        if (!double.IsFinite(mu))
        {
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "mu must be finite.");
        }

        CheckNonNegative(sigma, nameof(sigma));
        return new(NoiseKind.LogNormal, mu, sigma);
    }

    /// <summary>Pareto type I with scale <paramref name="scale"/> (= minimum) and shape <paramref name="shape"/> (heavy tail: smaller is heavier).</summary>
    /// <param name="scale">x_m &gt; 0.</param>
    /// <param name="shape">α &gt; 0.</param>
    public static NoiseDistribution Pareto(double scale, double shape)
    {
        CheckPositive(scale, nameof(scale));
        CheckPositive(shape, nameof(shape));
        return new(NoiseKind.Pareto, scale, shape);
    }

    /// <summary>Uniform on <c>[a, b)</c> with 0 ≤ a ≤ b.</summary>
    /// <param name="a">Lower end ≥ 0.</param>
    /// <param name="b">Upper end ≥ a.</param>
    public static NoiseDistribution Uniform(double a, double b)
    {
        CheckNonNegative(a, nameof(a));
        CheckNonNegative(b, nameof(b));
        if (b < a)
        {
            throw new ArgumentOutOfRangeException(nameof(b), b, "b must be ≥ a.");
        }

        return new(NoiseKind.Uniform, a, b);
    }

    /// <summary>One draw (≥ 0).</summary>
    /// <param name="random">The seeded stream.</param>
    public double Sample(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Kind switch
        {
            NoiseKind.None => 0,
            NoiseKind.HalfNormal => Parameter1 == 0 ? 0 : Math.Abs(Normal.Sample(random, 0, Parameter1)),
            NoiseKind.Exponential => MathNet.Numerics.Distributions.Exponential.Sample(random, 1.0 / Parameter1),
            NoiseKind.LogNormal => MathNet.Numerics.Distributions.LogNormal.Sample(random, Parameter1, Parameter2),
            NoiseKind.Pareto => MathNet.Numerics.Distributions.Pareto.Sample(random, Parameter1, Parameter2),
            NoiseKind.Uniform => Parameter1 + ((Parameter2 - Parameter1) * random.NextDouble()),
            _ => 0,
        };
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        NoiseKind.None => "none",
        NoiseKind.HalfNormal => string.Create(CultureInfo.InvariantCulture, $"|N(0,{Parameter1}²)|"),
        NoiseKind.Exponential => string.Create(CultureInfo.InvariantCulture, $"Exp(mean {Parameter1})"),
        NoiseKind.LogNormal => string.Create(CultureInfo.InvariantCulture, $"LogNormal({Parameter1},{Parameter2})"),
        NoiseKind.Pareto => string.Create(CultureInfo.InvariantCulture, $"Pareto(xm {Parameter1}, α {Parameter2})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"U({Parameter1},{Parameter2})"),
    };

    private static void CheckNonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and ≥ 0.");
        }
    }

    private static void CheckPositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and > 0.");
        }
    }
}
