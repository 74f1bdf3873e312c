namespace AsyncFl.Testing;

/// <summary>What the conformance suite expects of a scheduler, the partner it runs with, and how hard it looks.</summary>
public sealed class SchedulerConformanceOptions
{
    /// <summary>Creates the aggregator the scheduler is run with (null: asynchronous SGD, γ = 0.1, on gradients).</summary>
    public Func<GlobalModel, IAggregator>? Aggregator { get; set; }

    /// <summary>What the clients return; must suit <see cref="Aggregator"/>. Default <see cref="UpdatePayloadKind.Gradient"/>.</summary>
    public UpdatePayloadKind PayloadKind { get; set; } = UpdatePayloadKind.Gradient;

    /// <summary>Whether the scheduler may let a run go idle (no task in flight, no timer) before the budget is spent.
    /// Default false: a scheduler must keep training going while clients are available.</summary>
    public bool AllowIdleStop { get; set; }

    /// <summary>The largest staleness the scheduler promises to let through, if it promises one.</summary>
    public long? MaxStaleness { get; set; }

    /// <summary>Generated scenarios per property, ≥ 1. Default 25.</summary>
    public int MaxTest { get; set; } = 25;

    /// <summary>Largest fleet, ≥ 1. Default 8.</summary>
    public int MaxClients { get; set; } = 8;

    /// <summary>Largest event budget per run, ≥ 20. Default 300.</summary>
    public long MaxEvents { get; set; } = 300;

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

        if (MaxStaleness < 0)
        {
            errors.Add($"{nameof(MaxStaleness)} must be ≥ 0 (was {MaxStaleness}).");
        }

        ConformanceChecks.AtLeastOne(errors, nameof(MaxTest), MaxTest);
        ConformanceChecks.AtLeastOne(errors, nameof(MaxClients), MaxClients);
        if (MaxEvents < 20)
        {
            errors.Add($"{nameof(MaxEvents)} must be ≥ 20 (was {MaxEvents}).");
        }

        ConformanceChecks.Throw(errors, nameof(SchedulerConformanceOptions));
    }
}
