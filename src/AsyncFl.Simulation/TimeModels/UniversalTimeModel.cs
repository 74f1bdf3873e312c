namespace AsyncFl.Simulation;

/// <summary>
/// The "universal" time-varying computation model: device <c>i</c> works at speed <c>v_i(t)</c> (units per second,
/// a <see cref="SpeedProfile"/>, outages included), and <c>k</c> units started at <c>t₀</c> end at the smallest
/// <c>t</c> with <c>∫_{t₀}^{t} v_i = k</c>. Devices may share one profile instance (optionally scaled per device).
/// </summary>
public sealed class UniversalTimeModel : ITimeModel
{
    private readonly SpeedProfile[] _profiles;
    private readonly double[]? _unitCost;

    /// <summary>Creates the model from one profile per device (instances may repeat).</summary>
    /// <param name="profiles">v_i per device.</param>
    public UniversalTimeModel(IReadOnlyList<SpeedProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        _profiles = new SpeedProfile[profiles.Count];
        for (int i = 0; i < _profiles.Length; i++)
        {
            _profiles[i] = profiles[i] ?? throw new ArgumentException($"profiles[{i}] is null.", nameof(profiles));
        }
    }

    /// <summary>Creates the model from one shared profile and per-device work per unit: device <c>i</c> needs
    /// <c>c_i·k</c> units of the profile's work for <c>k</c> units (so a device with <c>c_i = 2</c> is twice as slow).</summary>
    /// <param name="profile">The shared speed function.</param>
    /// <param name="unitCost">c_i &gt; 0 per device.</param>
    public UniversalTimeModel(SpeedProfile profile, IReadOnlyList<double> unitCost)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(unitCost);
        _unitCost = Validation.CopyNonNegative(unitCost, nameof(unitCost));
        _profiles = new SpeedProfile[_unitCost.Length];
        Array.Fill(_profiles, profile);
    }

    /// <inheritdoc />
    public int Count => _profiles.Length;

    /// <summary>Device <paramref name="client"/>'s speed function.</summary>
    /// <param name="client">The device.</param>
    public SpeedProfile Profile(int client) => _profiles[client];

    /// <inheritdoc />
    public double ComputeSeconds(int client, int units, int samples, double startTime, RandomSource random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        double work = units * (_unitCost?[client] ?? 1.0);
        double end = _profiles[client].CompletionTime(startTime, work);
        return end - startTime;
    }
}
