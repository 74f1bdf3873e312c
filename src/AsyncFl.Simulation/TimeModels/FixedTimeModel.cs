namespace AsyncFl.Simulation;

/// <summary>
/// The fixed computation model of the optimal-ASGD literature, optionally with MindFlayer's random delay:
/// one unit of work on device <c>i</c> takes <c>τ_i + s_i·η</c> seconds, <c>η</c> drawn afresh from
/// <see cref="Noise"/> for every unit, so <c>k</c> units take <c>k·τ_i + s_i·Σ_{j≤k} η_j</c>.
/// With <see cref="NoiseDistribution.None"/> this is exactly <c>k·τ_i</c>.
/// </summary>
public sealed class FixedTimeModel : ITimeModel
{
    private readonly double[] _tau;
    private readonly double[]? _noiseScale;

    /// <summary>Creates the model.</summary>
    /// <param name="secondsPerUnit">τ_i ≥ 0 per device (copied).</param>
    /// <param name="noise">The per-unit noise η (default none).</param>
    /// <param name="noiseScale">Per-device multipliers s_i ≥ 0 of the noise (default 1 for all; copied).</param>
    public FixedTimeModel(IReadOnlyList<double> secondsPerUnit, NoiseDistribution? noise = null, IReadOnlyList<double>? noiseScale = null)
    {
        ArgumentNullException.ThrowIfNull(secondsPerUnit);
        _tau = Validation.CopyNonNegative(secondsPerUnit, nameof(secondsPerUnit));
        if (noiseScale is not null)
        {
            if (noiseScale.Count != _tau.Length)
            {
                throw new ArgumentException($"noiseScale has {noiseScale.Count} entries; secondsPerUnit has {_tau.Length}.", nameof(noiseScale));
            }

            _noiseScale = Validation.CopyNonNegative(noiseScale, nameof(noiseScale));
        }

        Noise = noise ?? NoiseDistribution.None;
    }

    /// <inheritdoc />
    public int Count => _tau.Length;

    /// <summary>The per-unit noise.</summary>
    public NoiseDistribution Noise { get; }

    /// <summary>τ_i.</summary>
    /// <param name="client">The device.</param>
    public double SecondsPerUnit(int client) => _tau[client];

    /// <summary>The expected seconds per unit, <c>τ_i + s_i·E[η]</c>.</summary>
    /// <param name="client">The device.</param>
    public double MeanSecondsPerUnit(int client) => _tau[client] + ((_noiseScale?[client] ?? 1.0) * Noise.Mean);

    /// <inheritdoc />
    public double ComputeSeconds(int client, int units, int samples, double startTime, RandomSource random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        double seconds = units * _tau[client];
        if (Noise.Kind != NoiseKind.None)
        {
            double scale = _noiseScale?[client] ?? 1.0;
            double sum = 0;
            for (int k = 0; k < units; k++)
            {
                sum += Noise.Sample(random);
            }

            seconds += scale * sum;
        }

        return seconds;
    }
}
