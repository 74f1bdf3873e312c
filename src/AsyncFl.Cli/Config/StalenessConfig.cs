namespace AsyncFl.Cli.Config;

/// <summary>A staleness policy.</summary>
internal sealed class StalenessConfig
{
    /// <summary>"constant", "polynomial", "hinge", "inverse" (1/(1+βτ)) or "exponential".</summary>
    public string? Kind { get; set; }

    /// <summary>Exponent a (polynomial), slope a (hinge).</summary>
    public double? A { get; set; }

    /// <summary>Hinge threshold b.</summary>
    public double? B { get; set; }

    /// <summary>Rate β (inverse) or λ (exponential).</summary>
    public double? Rate { get; set; }

    /// <summary>Updates staler than this are rejected.</summary>
    public long? MaxStaleness { get; set; }
}
