namespace AsyncFl.Simulation;

/// <summary>
/// A device's network link: moving <c>B</c> bytes takes <c>latency + B ÷ bandwidth</c> seconds in either direction
/// (zero bytes take 0 seconds: nothing is sent). An infinite bandwidth and zero latency mean free communication,
/// the default of the scheduling literature.
/// </summary>
/// <param name="DownloadBytesPerSecond">Server → device bandwidth, &gt; 0 (may be +∞).</param>
/// <param name="UploadBytesPerSecond">Device → server bandwidth, &gt; 0 (may be +∞).</param>
/// <param name="LatencySeconds">One-way latency ≥ 0 added to each transfer.</param>
public readonly record struct CommunicationLink(double DownloadBytesPerSecond, double UploadBytesPerSecond, double LatencySeconds)
{
    /// <summary>Free, instantaneous communication.</summary>
    public static CommunicationLink Free => new(double.PositiveInfinity, double.PositiveInfinity, 0);

    /// <summary>Seconds to download <paramref name="bytes"/> bytes: <c>latency + bytes ÷ download bandwidth</c>.</summary>
    /// <param name="bytes">Payload size ≥ 0.</param>
    public double DownloadSeconds(long bytes) => Transfer(bytes, DownloadBytesPerSecond);

    /// <summary>Seconds to upload <paramref name="bytes"/> bytes: <c>latency + bytes ÷ upload bandwidth</c>.</summary>
    /// <param name="bytes">Payload size ≥ 0.</param>
    public double UploadSeconds(long bytes) => Transfer(bytes, UploadBytesPerSecond);

    /// <summary>Lists every problem with the values (empty when valid).</summary>
    /// <param name="errors">Receives the problems.</param>
    /// <param name="prefix">Name prefix for the messages.</param>
    public void Validate(List<string> errors, string prefix)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (double.IsNaN(DownloadBytesPerSecond) || DownloadBytesPerSecond <= 0)
        {
            errors.Add($"{prefix}DownloadBytesPerSecond = {DownloadBytesPerSecond} must be > 0");
        }

        if (double.IsNaN(UploadBytesPerSecond) || UploadBytesPerSecond <= 0)
        {
            errors.Add($"{prefix}UploadBytesPerSecond = {UploadBytesPerSecond} must be > 0");
        }

        if (!double.IsFinite(LatencySeconds) || LatencySeconds < 0)
        {
            errors.Add($"{prefix}LatencySeconds = {LatencySeconds} must be finite and ≥ 0");
        }
    }

    private double Transfer(long bytes, double bandwidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        return bytes == 0 ? 0 : LatencySeconds + (bytes / bandwidth);
    }
}
