namespace AsyncFl.Simulation;

/// <summary>
/// The simulated devices behind the clients: how long each takes to compute and to communicate, when it is
/// online, and whether a task fails mid-way. The virtual clock asks it; it never sees the algorithm.
/// Implementations must be deterministic given the random streams passed in, and cheap: O(1) or O(log) per call.
/// </summary>
public interface IDeviceFleet
{
    /// <summary>Number of devices (clients), ids <c>0 … Count−1</c>.</summary>
    int Count { get; }

    /// <summary>
    /// Seconds device <paramref name="client"/> needs for <paramref name="localSteps"/> units of local work started
    /// at <paramref name="startTime"/> (time-varying speed models integrate from there).
    /// </summary>
    /// <param name="client">The device.</param>
    /// <param name="localSteps">Units of work (gradients, steps, epochs as the workload defines them).</param>
    /// <param name="samples">Training samples the device holds (per-example time models use it); 0 if unknown.</param>
    /// <param name="startTime">Virtual time the work starts.</param>
    /// <param name="random">The device's seeded stream.</param>
    double ComputeSeconds(int client, int localSteps, int samples, double startTime, RandomSource random);

    /// <summary>Seconds to download <paramref name="bytes"/> bytes to the device (latency + bytes ÷ bandwidth).</summary>
    /// <param name="client">The device.</param>
    /// <param name="bytes">Payload size.</param>
    double DownloadSeconds(int client, long bytes);

    /// <summary>Seconds to upload <paramref name="bytes"/> bytes from the device (latency + bytes ÷ bandwidth).</summary>
    /// <param name="client">The device.</param>
    /// <param name="bytes">Payload size.</param>
    double UploadSeconds(int client, long bytes);

    /// <summary>
    /// Draws whether a task of <paramref name="durationSeconds"/> fails mid-way (dropout); if so,
    /// <paramref name="failAfterSeconds"/> is when (in <c>[0, duration)</c>).
    /// </summary>
    /// <param name="client">The device.</param>
    /// <param name="durationSeconds">The task's planned duration.</param>
    /// <param name="random">The device's seeded stream.</param>
    /// <param name="failAfterSeconds">When it fails, if it does.</param>
    bool DrawFailure(int client, double durationSeconds, RandomSource random, out double failAfterSeconds);

    /// <summary>Whether the device is online at <paramref name="time"/>.</summary>
    /// <param name="client">The device.</param>
    /// <param name="time">Virtual time.</param>
    bool IsAvailable(int client, double time);

    /// <summary>The first time after <paramref name="time"/> at which the device's availability changes (+∞ if never).</summary>
    /// <param name="client">The device.</param>
    /// <param name="time">Virtual time.</param>
    double NextAvailabilityChange(int client, double time);
}
