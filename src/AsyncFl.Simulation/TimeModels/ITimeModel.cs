namespace AsyncFl.Simulation;

/// <summary>
/// How long a device computes: one object serves a whole fleet (it is indexed by client), so a million devices
/// need no object each. Implementations are immutable, thread-safe and deterministic given the stream passed in.
/// </summary>
public interface ITimeModel
{
    /// <summary>Number of devices the model describes (ids <c>0 … Count−1</c>).</summary>
    int Count { get; }

    /// <summary>Seconds device <paramref name="client"/> needs for <paramref name="units"/> units of work started at <paramref name="startTime"/>.</summary>
    /// <param name="client">The device.</param>
    /// <param name="units">Units of work (gradients, local steps, epochs), ≥ 0.</param>
    /// <param name="samples">Samples the device holds (per-example models use it); 0 if unknown.</param>
    /// <param name="startTime">Virtual time the work starts (time-varying models integrate from here).</param>
    /// <param name="random">The device's seeded stream.</param>
    /// <returns>Seconds ≥ 0, or +∞ if the work never finishes (a permanent outage).</returns>
    double ComputeSeconds(int client, int units, int samples, double startTime, RandomSource random);
}
