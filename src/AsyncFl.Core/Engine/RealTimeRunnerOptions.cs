using System.Globalization;

namespace AsyncFl.Engine;

/// <summary>Options of the <see cref="RealTimeRunner"/> (the real clock).</summary>
public sealed class RealTimeRunnerOptions
{
    /// <summary>Number of clients (ids <c>0 … ClientCount−1</c>), ≥ 1.</summary>
    /// <value>The default value is 1.</value>
    public int ClientCount { get; set; } = 1;

    /// <summary>The clock: elapsed time, client delays and timers all use it.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// An injected per-task delay before the client computes (simulated network and device time): given the client
    /// id and the task's seeded random stream, returns how long the client waits (awaited with
    /// <see cref="TimeProvider"/>, cancelled when the task is). Null for none.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<int, RandomSource, TimeSpan>? ClientDelay { get; set; }

    /// <summary>Whether a client is online (called on the event thread); null: every client always is.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<int, bool>? IsAvailable { get; set; }

    /// <summary>Capacity of the bounded channel carrying results to the single consumer, ≥ 1.</summary>
    /// <value>The default value is 1024.</value>
    public int ChannelCapacity { get; set; } = 1024;

    /// <summary>Stop once the model version reaches this many server steps; null for no bound.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public long? MaxServerSteps { get; set; }

    /// <summary>Stop after this much time on <see cref="TimeProvider"/>; null for no bound.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? MaxDuration { get; set; }

    /// <summary>A user stopping rule checked after every event (e.g. target loss reached); null for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<FederatedServer, bool>? StopWhen { get; set; }

    /// <summary>Checks every option; throws one <see cref="ArgumentException"/> listing all problems.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        var c = CultureInfo.InvariantCulture;
        if (ClientCount < 1)
        {
            errors.Add(string.Create(c, $"ClientCount must be ≥ 1 (was {ClientCount})."));
        }

        if (TimeProvider is null)
        {
            errors.Add("TimeProvider must not be null.");
        }

        if (ChannelCapacity < 1)
        {
            errors.Add(string.Create(c, $"ChannelCapacity must be ≥ 1 (was {ChannelCapacity})."));
        }

        if (MaxServerSteps is < 0)
        {
            errors.Add(string.Create(c, $"MaxServerSteps must be ≥ 0 or null (was {MaxServerSteps})."));
        }

        if (MaxDuration is { } d && d <= TimeSpan.Zero)
        {
            errors.Add(string.Create(c, $"MaxDuration must be positive or null (was {d})."));
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid RealTimeRunnerOptions: " + string.Join(" ", errors));
        }
    }

    internal RealTimeRunnerOptions Clone() => (RealTimeRunnerOptions)MemberwiseClone();
}
