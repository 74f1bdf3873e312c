using AsyncFl.Simulation;

namespace AsyncFl.Experiments;

/// <summary>
/// A fleet for the paper experiments: worker i needs <c>τ_i + η</c> seconds per gradient (η drawn per gradient by
/// <see cref="Noise"/>, 0 when null), uploads cost <c>elements · c_i</c> seconds, downloads are free, nobody fails.
/// </summary>
internal sealed class ExperimentFleet : IDeviceFleet
{
    private readonly double[] _tau;
    private readonly double[] _uploadPerElement;

    public ExperimentFleet(IReadOnlyList<double> tau, Func<int, RandomSource, double>? noise = null, IReadOnlyList<double>? uploadSecondsPerElement = null)
    {
        _tau = [.. tau];
        Noise = noise;
        _uploadPerElement = uploadSecondsPerElement is null ? new double[_tau.Length] : [.. uploadSecondsPerElement];
    }

    public Func<int, RandomSource, double>? Noise { get; }

    public int Count => _tau.Length;

    public double ComputeSeconds(int client, int localSteps, int samples, double startTime, RandomSource random)
    {
        double t = 0;
        for (int k = 0; k < localSteps; k++)
        {
            t += _tau[client] + (Noise?.Invoke(client, random) ?? 0);
        }

        return t;
    }

    public double DownloadSeconds(int client, long bytes) => 0;

    public double UploadSeconds(int client, long bytes) => bytes / 4.0 * _uploadPerElement[client];

    public bool DrawFailure(int client, double durationSeconds, RandomSource random, out double failAfterSeconds)
    {
        failAfterSeconds = double.PositiveInfinity;
        return false;
    }

    public bool IsAvailable(int client, double time) => true;

    public double NextAvailabilityChange(int client, double time) => double.PositiveInfinity;
}
