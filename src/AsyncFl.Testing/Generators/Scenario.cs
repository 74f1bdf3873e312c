using System.Globalization;

namespace AsyncFl.Testing;

/// <summary>
/// A generated simulated run without its strategies: the fleet, the problem size, the seed and the budget. The
/// scheduler conformance suite runs a user's scheduler on scenarios; <see cref="RunConfiguration"/> adds built-in
/// strategies to one.
/// </summary>
/// <param name="Fleet">The devices.</param>
/// <param name="Dimension">Parameters of the <see cref="QuadraticWorkload"/>, ≥ 1.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="MaxEvents">Event budget of the virtual clock (the cost bound), ≥ 1.</param>
public sealed record Scenario(FleetSpec Fleet, int Dimension, long Seed, long MaxEvents)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Fleet}; d = {Dimension}, seed {Seed}, ≤ {MaxEvents} events");
}
