namespace AsyncFl.Testing;

/// <summary>What the conformance suite expects of an aggregator, and how hard it looks.</summary>
public sealed class AggregatorConformanceOptions
{
    /// <summary>The payload kind of generated updates (an aggregator that does not take it gets its first supported
    /// kind). Default <see cref="UpdatePayloadKind.ModelDelta"/>.</summary>
    public UpdatePayloadKind PayloadKind { get; set; } = UpdatePayloadKind.ModelDelta;

    /// <summary>Whether every new model must be a convex combination of the previous one and the models mixed in
    /// (FedAsync-style mixing of weights). Default false.</summary>
    public bool ConvexMix { get; set; }

    /// <summary>Relative slack of the convexity check (float rounding), ≥ 0. Default 10⁻⁶.</summary>
    public double ConvexTolerance { get; set; } = 1e-6;

    /// <summary>Whether a resubmitted update id must be rejected as a duplicate. Default true (every aggregator built on
    /// <c>AggregatorBase</c> does this).</summary>
    public bool ExpectDuplicateRejection { get; set; } = true;

    /// <summary>Generated scripts per property, ≥ 1. Default 60.</summary>
    public int MaxTest { get; set; } = 60;

    /// <summary>Largest dimension of a script, ≥ 1. Default 4.</summary>
    public int MaxDimension { get; set; } = 4;

    /// <summary>Most steps of a script, ≥ 1. Default 16.</summary>
    public int MaxSteps { get; set; } = 16;

    /// <summary>Seed of the generator, so a failure can be replayed; null draws one (and the report names it).</summary>
    public ulong? Seed { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid option.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(PayloadKind))
        {
            errors.Add($"{nameof(PayloadKind)} {PayloadKind} is not a payload kind.");
        }

        if (!(ConvexTolerance >= 0 && double.IsFinite(ConvexTolerance)))
        {
            errors.Add($"{nameof(ConvexTolerance)} must be finite and ≥ 0 (was {ConvexTolerance}).");
        }

        ConformanceChecks.AtLeastOne(errors, nameof(MaxTest), MaxTest);
        ConformanceChecks.AtLeastOne(errors, nameof(MaxDimension), MaxDimension);
        ConformanceChecks.AtLeastOne(errors, nameof(MaxSteps), MaxSteps);
        ConformanceChecks.Throw(errors, nameof(AggregatorConformanceOptions));
    }
}
