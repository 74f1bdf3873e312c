namespace AsyncFl.Schedulers;

/// <summary>A profile of a fleet, measured or assumed, for <see cref="AutoMode.Decide"/>.</summary>
public sealed class FleetProfile
{
    /// <summary>Mean compute seconds per task of each client.</summary>
    /// <value>The default value is <see langword="null"/> (required).</value>
    public IReadOnlyList<double>? ComputeSeconds { get; set; }

    /// <summary>Mean communication seconds per task (download + upload) of each client; null for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyList<double>? CommunicationSeconds { get; set; }

    /// <summary>The fraction of tasks that fail (dropouts, clients going offline), in [0, 1].</summary>
    /// <value>The default value is 0.</value>
    public double DropoutRate { get; set; }
}
