using AsyncFl.Aggregators;
using AsyncFl.Backends;
using AsyncFl.Engine;
using AsyncFl.Metrics;

namespace AsyncFl.Simulation.Tests.Engine;

/// <summary>A test fleet: fixed per-client compute time per local step, optional exponential noise, failures, outages.</summary>
internal sealed class TestFleet(double[] secondsPerStep) : IDeviceFleet
{
    public int Count => secondsPerStep.Length;

    /// <summary>Relative exponential noise added to compute time (mean = NoiseFraction × base time).</summary>
    public double NoiseFraction { get; init; }

    /// <summary>Per-task failure probability; the failure time is uniform over the task's duration.</summary>
    public double FailureProbability { get; init; }

    public double DownloadLatency { get; init; }

    public double UploadLatency { get; init; }

    /// <summary>Client 0 is offline on [OutageStart, OutageEnd) when set.</summary>
    public double OutageStart { get; init; } = double.NaN;

    public double OutageEnd { get; init; } = double.NaN;

    public double ComputeSeconds(int client, int localSteps, int samples, double startTime, RandomSource random)
    {
        double t = secondsPerStep[client] * localSteps;
        if (NoiseFraction > 0)
        {
            t += -Math.Log(1 - random.NextDouble()) * NoiseFraction * secondsPerStep[client];
        }

        return t;
    }

    public double DownloadSeconds(int client, long bytes) => DownloadLatency;

    public double UploadSeconds(int client, long bytes) => UploadLatency;

    public bool DrawFailure(int client, double durationSeconds, RandomSource random, out double failAfterSeconds)
    {
        failAfterSeconds = 0;
        if (FailureProbability <= 0)
        {
            return false;
        }

        bool fail = random.NextDouble() < FailureProbability;
        failAfterSeconds = random.NextDouble() * durationSeconds;
        return fail;
    }

    public bool IsAvailable(int client, double time) =>
        client != 0 || double.IsNaN(OutageStart) || time < OutageStart || time >= OutageEnd;

    public double NextAvailabilityChange(int client, double time)
    {
        if (client != 0 || double.IsNaN(OutageStart))
        {
            return double.PositiveInfinity;
        }

        if (time < OutageStart)
        {
            return OutageStart;
        }

        return time < OutageEnd ? OutageEnd : double.PositiveInfinity;
    }
}

/// <summary>f(x) = ½ Σ a_j x_j², a_j from 0.5 to 1 (L = 1, μ = 0.5); the client returns a (noisy) gradient.</summary>
internal sealed class QuadraticWorkload(int dimension, double noise = 0) : IClientWorkload
{
    public int Dimension => dimension;

    public UpdatePayloadKind PayloadKind => UpdatePayloadKind.Gradient;

    public static float[] Start(int dimension) => Enumerable.Repeat(1f, dimension).ToArray();

    public double Curvature(int j) => dimension == 1 ? 1 : 0.5 + (0.5 * j / (dimension - 1));

    public double Loss(ReadOnlySpan<float> x)
    {
        double f = 0;
        for (int j = 0; j < x.Length; j++)
        {
            f += 0.5 * Curvature(j) * x[j] * x[j];
        }

        return f;
    }

    public double Loss(FederatedServer server) => Loss(((CpuVector)server.Model.Parameters).Span);

    public void Execute(in ClientWork work, ParameterVector baseModel, ClientUpdate update, RandomSource random)
    {
        var x = ((CpuVector)baseModel).Span;
        var g = ((CpuVector)update.Payload).Span;
        for (int j = 0; j < x.Length; j++)
        {
            double gj = Curvature(j) * x[j];
            if (noise > 0)
            {
                double acc = 0;
                for (int s = 0; s < work.LocalSteps; s++)
                {
                    acc += random.NextGaussian();
                }

                gj += noise * acc / work.LocalSteps;
            }

            g[j] = (float)gj;
        }

        update.SampleCount = work.LocalSteps;
        update.Loss = Loss(x);
    }
}

internal static class Setup
{
    public static double[] Speeds(int n, double spread) =>
        Enumerable.Range(0, n).Select(i => n == 1 ? 1.0 : 1.0 + ((spread - 1.0) * i / (n - 1))).ToArray();

    public static FederatedServer Server(IScheduler scheduler, QuadraticWorkload workload, long seed, double lr, int buffer = 1, SgdNormalization norm = SgdNormalization.Count) =>
        new FederatedServerBuilder()
            .WithInitialModel(QuadraticWorkload.Start(workload.Dimension))
            .UseAggregator(m => new SgdAggregatorOptions { LearningRate = lr, BufferSize = buffer, Normalization = norm }.CreateAggregator(m))
            .UseScheduler(scheduler)
            .UseWorkload(workload)
            .WithSeed(seed)
            .Build();

    public static TrainingStatistics Stats(RunResult r) => r.Statistics;
}
