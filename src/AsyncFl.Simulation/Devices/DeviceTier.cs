namespace AsyncFl.Simulation;

/// <summary>
/// A class of devices with the same hardware and network: seconds per unit of work, a per-device speed spread,
/// per-unit noise, the link, a per-task dropout probability and a daily availability. The numbers in
/// <see cref="DeviceTiers"/> are modelling assumptions (round, plausible figures), not measurements.
/// </summary>
public sealed record DeviceTier
{
    /// <summary>Creates a tier.</summary>
    /// <param name="name">A short name (for reports).</param>
    /// <param name="secondsPerUnit">Median seconds per unit of work, ≥ 0.</param>
    public DeviceTier(string name, double secondsPerUnit)
    {
        Name = name;
        SecondsPerUnit = secondsPerUnit;
    }

    /// <summary>A short name.</summary>
    public string Name { get; init; }

    /// <summary>Median seconds per unit of work (τ of a typical device of the tier).</summary>
    public double SecondsPerUnit { get; init; }

    /// <summary>Spread between devices of the tier: device <c>i</c> gets <c>τ_i = SecondsPerUnit · exp(s·Z_i)</c>, <c>Z_i ~ N(0,1)</c>
    /// drawn once when the fleet is built, <c>s</c> being this value (0 = identical devices).</summary>
    /// <value>The default value is 0.</value>
    public double SpeedSpread { get; init; }

    /// <summary>Per-unit random delay η, scaled by the device's speed multiplier <c>τ_i / SecondsPerUnit</c>.</summary>
    /// <value>The default value is <see cref="NoiseDistribution.None"/>.</value>
    public NoiseDistribution Noise { get; init; } = NoiseDistribution.None;

    /// <summary>The network link.</summary>
    /// <value>The default value is <see cref="CommunicationLink.Free"/>.</value>
    public CommunicationLink Link { get; init; } = CommunicationLink.Free;

    /// <summary>Probability that a task fails before it ends; the failure time is uniform within the task.</summary>
    /// <value>The default value is 0.</value>
    public double DropoutProbability { get; init; }

    /// <summary>Availability period in seconds (e.g. 86 400 for a day); used with <see cref="AvailableFraction"/>.</summary>
    /// <value>The default value is 86 400.</value>
    public double AvailabilityPeriodSeconds { get; init; } = 86_400;

    /// <summary>Fraction of each period a device is online, in (0, 1]; each device's window starts at a random phase
    /// drawn once when the fleet is built. 1 means always online.</summary>
    /// <value>The default value is 1.</value>
    public double AvailableFraction { get; init; } = 1.0;

    /// <summary>Lists every problem with the tier (empty when valid).</summary>
    /// <param name="errors">Receives the problems.</param>
    public void Validate(List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string p = $"tier '{Name}': ";
        if (string.IsNullOrEmpty(Name))
        {
            errors.Add("tier name must be non-empty");
        }

        if (!double.IsFinite(SecondsPerUnit) || SecondsPerUnit < 0)
        {
            errors.Add($"{p}SecondsPerUnit = {SecondsPerUnit} must be finite and ≥ 0");
        }

        if (!double.IsFinite(SpeedSpread) || SpeedSpread < 0)
        {
            errors.Add($"{p}SpeedSpread = {SpeedSpread} must be finite and ≥ 0");
        }

        if (Noise is null)
        {
            errors.Add($"{p}Noise must not be null");
        }

        Link.Validate(errors, p);
        if (!double.IsFinite(DropoutProbability) || DropoutProbability < 0 || DropoutProbability > 1)
        {
            errors.Add($"{p}DropoutProbability = {DropoutProbability} must lie in [0, 1]");
        }

        if (!double.IsFinite(AvailabilityPeriodSeconds) || AvailabilityPeriodSeconds <= 0)
        {
            errors.Add($"{p}AvailabilityPeriodSeconds = {AvailabilityPeriodSeconds} must be finite and > 0");
        }

        if (!double.IsFinite(AvailableFraction) || AvailableFraction <= 0 || AvailableFraction > 1)
        {
            errors.Add($"{p}AvailableFraction = {AvailableFraction} must lie in (0, 1]");
        }
    }
}
