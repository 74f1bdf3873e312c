namespace AsyncFl.Cli.Config;

/// <summary>The fleet: a list of device tiers with counts.</summary>
internal sealed class FleetConfig
{
    /// <summary>The tiers of the fleet.</summary>
    public List<TierConfig>? Tiers { get; set; }
}
