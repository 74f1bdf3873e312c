using MathNet.Numerics.Distributions;

namespace AsyncFl.Simulation;

/// <summary>
/// FLSim's <c>PerExampleGaussian</c> duration: a task of <c>k</c> units on a device holding <c>n</c> samples takes
/// <c>k · n · max(N(μ, σ²), min)</c> seconds, with one normal draw per task (FLSim draws once per client and round;
/// a unit here is one pass over the client's data). <c>n = 0</c> (unknown) counts as 1.
/// </summary>
public sealed class PerExampleGaussianTimeModel : ITimeModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="count">Number of devices.</param>
    /// <param name="meanSecondsPerExample">μ (FLSim <c>training_duration_mean</c>), finite.</param>
    /// <param name="sdSecondsPerExample">σ ≥ 0 (FLSim <c>training_duration_sd</c>).</param>
    /// <param name="minSecondsPerExample">min ≥ 0 (FLSim <c>training_duration_min</c>).</param>
    public PerExampleGaussianTimeModel(int count, double meanSecondsPerExample, double sdSecondsPerExample, double minSecondsPerExample)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!double.IsFinite(meanSecondsPerExample))
        {
            throw new ArgumentOutOfRangeException(nameof(meanSecondsPerExample), meanSecondsPerExample, "Must be finite.");
        }

        if (!double.IsFinite(sdSecondsPerExample) || sdSecondsPerExample < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sdSecondsPerExample), sdSecondsPerExample, "Must be finite and ≥ 0.");
        }

        if (!double.IsFinite(minSecondsPerExample) || minSecondsPerExample < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minSecondsPerExample), minSecondsPerExample, "Must be finite and ≥ 0.");
        }

        Count = count;
        Mean = meanSecondsPerExample;
        StandardDeviation = sdSecondsPerExample;
        Minimum = minSecondsPerExample;
    }

    /// <inheritdoc />
    public int Count { get; }

    /// <summary>μ, seconds per example.</summary>
    public double Mean { get; }

    /// <summary>σ, seconds per example.</summary>
    public double StandardDeviation { get; }

    /// <summary>The floor on the per-example draw.</summary>
    public double Minimum { get; }

    /// <inheritdoc />
    public double ComputeSeconds(int client, int units, int samples, double startTime, RandomSource random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        double perExample = StandardDeviation > 0 ? Normal.Sample(random, Mean, StandardDeviation) : Mean;
        return units * (double)Math.Max(samples, 1) * Math.Max(perExample, Minimum);
    }
}
