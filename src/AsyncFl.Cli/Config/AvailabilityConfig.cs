namespace AsyncFl.Cli.Config;

/// <summary>Periodic on/off availability: each device is online <see cref="OnlineSeconds"/> of every
/// <see cref="OnlineSeconds"/> + <see cref="OfflineSeconds"/>, from a random phase drawn once per device.</summary>
internal sealed class AvailabilityConfig
{
    /// <summary>Seconds a device stays online in each period.</summary>
    public double OnlineSeconds { get; set; }

    /// <summary>Seconds a device stays offline in each period (0: always online).</summary>
    public double OfflineSeconds { get; set; }
}
