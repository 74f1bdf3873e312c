namespace AsyncFl;

/// <summary>
/// A staleness weighting <c>s(τ)</c>: <c>s(0) = 1</c>, non-increasing in τ, values in (0, 1] (or [0, 1] for a
/// hard threshold). τ is counted in server versions. Implementations are immutable and thread-safe.
/// </summary>
public interface IStalenessFunction
{
    /// <summary>A short description with the parameters, e.g. <c>"poly(a=0.5)"</c>.</summary>
    string Name { get; }

    /// <summary>The weight for staleness <paramref name="staleness"/> ≥ 0.</summary>
    /// <param name="staleness">Versions between the update's base and the server's current version.</param>
    double Weight(long staleness);
}
