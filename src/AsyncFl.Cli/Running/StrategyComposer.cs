using AsyncFl.Aggregators;
using AsyncFl.Cli.Config;
using AsyncFl.Schedulers;
using AsyncFl.Schedulers.Theory;
using AsyncFl.Simulation;

namespace AsyncFl.Cli.Running;

/// <summary>
/// Translates one strategy of the config (aggregator, scheduler, staleness) into builder calls: the aggregator's options
/// and <c>AddXxx</c>, the scheduler's options derived from the fleet where the algorithm needs them (MindFlayer's clip,
/// Shadowheart's equilibrium time, the automatic mode's fleet profile).
/// </summary>
internal static class StrategyComposer
{
    /// <summary>Server SGD with the config's learning rate (default 1), or FedAvgM when a momentum is given.</summary>
    private static ServerOptimizerOptions ServerOptimizerOf(AggregatorConfig a) => a.Momentum is { } momentum
        ? ServerOptimizers.FedAvgM(a.ServerLearningRate ?? 1.0, momentum)
        : ServerOptimizers.Sgd(a.ServerLearningRate ?? 1.0);

    internal static void ConfigureStrategy(FederatedServerBuilder builder, StrategyConfig s, DeviceFleet fleet, int dimension, long seed, double lr)
    {
        int clients = fleet.Count;
        var a = s.Aggregator!;
        var sc = s.Scheduler!;
        int concurrency = Math.Min(sc.Concurrency ?? clients, clients);
        IStalenessFunction? staleness = s.Staleness is { } st ? StalenessOf(st) : null;
        long? maxStaleness = s.Staleness?.MaxStaleness;
        switch (a.Kind)
        {
            case "fedavg":
                builder.AddFedAvg(new FedAvgOptions { ClientCount = clients });
                break;
            case "fedasync":
                builder.AddFedAsync(new FedAsyncOptions
                {
                    ClientCount = clients,
                    Alpha = a.Alpha ?? 0.6,
                    Staleness = staleness ?? StalenessFunctions.Polynomial(0.5),
                    MaxStaleness = maxStaleness,
                });
                break;
            case "fedbuff":
                var fb = new FedBuffOptions
                {
                    ClientCount = clients,
                    BufferSize = a.BufferSize ?? 10,
                    OnePerClientPerBuffer = a.OnePerClientPerBuffer ?? true,
                    MaxStaleness = maxStaleness,
                    ServerOptimizer = ServerOptimizerOf(a),
                };
                if (staleness is not null)
                {
                    fb.Staleness = staleness;
                }

                builder.AddFedBuff(fb);
                break;
            case "ca2fl":
                builder.AddCa2Fl(new Ca2FlOptions
                {
                    ClientCount = clients,
                    BufferSize = a.BufferSize ?? 10,
                    OnePerClientPerBuffer = a.OnePerClientPerBuffer ?? false,
                    MaxStaleness = maxStaleness,
                    ServerOptimizer = ServerOptimizerOf(a),
                    MaxCacheAge = a.MaxCacheAge,
                });
                break;
            case "afl":
                builder.AddAfl(new AflOptions
                {
                    ClientCount = clients,
                    BufferSize = a.BufferSize ?? 5,
                    OnePerClientPerBuffer = a.OnePerClientPerBuffer ?? true,
                    Staleness = StalenessFunctions.Inverse(a.Penalty ?? 0.05),
                    MaxStaleness = maxStaleness,
                    ServerOptimizer = ServerOptimizers.Sgd(a.ServerLearningRate ?? 1.0),
                });
                break;
        }

        double serverLr = a.ServerLearningRate ?? lr;
        switch (sc.Kind)
        {
            case "sync-rounds":
                builder.AddSynchronousRounds(new SynchronousRoundsOptions
                {
                    ClientsPerRound = Math.Min(sc.ClientsPerRound ?? 10, clients),
                    LocalSteps = s.LocalSteps,
                    ClientLearningRate = lr,
                });
                break;
            case "async" when a.Kind == "sgd":
            case "asgd":
                var asgd = Asgd.Options();
                asgd.LocalSteps = s.LocalSteps;
                builder.AddAsynchronous(asgd).AddSgd(SgdAggregatorOptions.PerGradient(serverLr));
                break;
            case "async":
                builder.AddAsynchronous(new AsynchronousSchedulerOptions
                {
                    Concurrency = concurrency,
                    LocalSteps = s.LocalSteps,
                    ClientLearningRate = lr,
                    ParticipationWeighting = sc.ParticipationWeighting == "inter-arrival"
                        ? AsynchronousParticipationWeighting.InterArrival
                        : AsynchronousParticipationWeighting.None,
                });
                break;
            case "ringmaster":
                var ringmaster = Ringmaster.Options(sc.DelayThreshold, sc.Variant == "discard" ? RingmasterVariant.DiscardOnArrival : RingmasterVariant.CancelAndRestart);
                ringmaster.LocalSteps = s.LocalSteps;
                builder.AddAsynchronous(ringmaster).AddSgd(SgdAggregatorOptions.PerGradient(serverLr));
                break;
            case "rennala":
                int batch = sc.BatchSize ?? 1;
                builder.AddRennala(new RennalaOptions { BatchSize = batch, LocalSteps = s.LocalSteps }).AddSgd(SgdAggregatorOptions.Batch(serverLr, batch));
                break;
            case "mindflayer":
                builder.AddMindFlayer(MindFlayerOf(sc, fleet, dimension, seed)).AddSgd(SgdAggregatorOptions.OnFlush(serverLr));
                break;
            case "ata":
                builder.AddAta(new AtaOptions { TasksPerRound = sc.BatchSize ?? 1 }).AddSgd(SgdAggregatorOptions.OnFlush(serverLr, SgdNormalization.Count));
                break;
            case "auto":
                var decision = AutoMode.Decide(ProfileOf(fleet, dimension), new AutoModeOptions { NoiseBatch = sc.BatchSize ?? 1 });
                builder.AddAuto(decision).AddSgd(decision.Mode == TrainingMode.Synchronous
                    ? SgdAggregatorOptions.OnFlush(serverLr)
                    : SgdAggregatorOptions.PerGradient(serverLr));
                break;
            case "shadowheart":
                builder.AddShadowheart(ShadowheartOf(sc, fleet, dimension)).AddSgd(SgdAggregatorOptions.OnFlush(serverLr));
                break;
            default:
                throw new RunBlockedException($"scheduler '{sc.Kind}' is not wired into the app yet.");
        }
    }

    /// <summary>Samples of the random part η of one gradient's compute time drawn per client for MindFlayer's clip.</summary>
    private const int ClipSamples = 256;

    /// <summary>Bytes of one model or gradient vector (4 bytes per parameter, as the simulator counts).</summary>
    private static long VectorBytes(int elements) => 4L * elements;

    /// <summary>
    /// MindFlayer from the fleet: τ_i = download + fixed seconds per unit + upload of one gradient; η_i sampled from the
    /// tier's noise (seeded). Clip: <see cref="MindFlayerTheory.OptimalClipFromSamples"/>, or the config's
    /// <c>timeLimitSeconds</c> T for every client (p_i = the sampled fraction with τ_i + η_i ≤ T). S = <c>batchSize</c> (1).
    /// </summary>
    private static MindFlayerOptions MindFlayerOf(SchedulerConfig sc, DeviceFleet fleet, int dimension, long seed)
    {
        int n = fleet.Count;
        var baseTimes = new double[n];
        var clips = new ClipChoice[n];
        var samples = new double[ClipSamples];
        var random = RandomSource.Create(seed, 0);
        long bytes = VectorBytes(dimension);
        for (int i = 0; i < n; i++)
        {
            double fixedCompute = fleet.SecondsPerUnit(i);
            baseTimes[i] = fleet.DownloadSeconds(i, bytes) + fixedCompute + fleet.UploadSeconds(i, bytes);
            for (int k = 0; k < samples.Length; k++)
            {
                samples[k] = Math.Max(0, fleet.ComputeSeconds(i, 1, 0, 0, random) - fixedCompute);
            }

            if (sc.TimeLimitSeconds is { } limit)
            {
                double clip = limit - baseTimes[i];
                int ok = samples.Count(x => x <= clip);
                double p = ok / (double)samples.Length;
                clips[i] = new ClipChoice(clip, p, p > 0 ? limit / p : double.PositiveInfinity);
            }
            else
            {
                clips[i] = MindFlayerTheory.OptimalClipFromSamples(samples, baseTimes[i]);
            }
        }

        if (clips.All(c => c.SuccessProbability == 0))
        {
            throw new RunBlockedException(Fmt.I($"mindflayer: no client finishes a gradient within timeLimitSeconds = {sc.TimeLimitSeconds} (the fastest needs {baseTimes.Min()} s without noise); raise it or leave it out."));
        }

        return MindFlayerOptions.FromClips(baseTimes, clips, sc.BatchSize ?? 1);
    }

    /// <summary>The fleet's profile for auto mode: mean compute seconds per gradient, download + upload of the model, mean dropout probability.</summary>
    private static FleetProfile ProfileOf(DeviceFleet fleet, int dimension)
    {
        int n = fleet.Count;
        long bytes = VectorBytes(dimension);
        var compute = new double[n];
        var communication = new double[n];
        double dropout = 0;
        for (int i = 0; i < n; i++)
        {
            compute[i] = fleet.MeanSecondsPerUnit(i);
            communication[i] = fleet.DownloadSeconds(i, bytes) + fleet.UploadSeconds(i, bytes);
            dropout += fleet.Tier(i).DropoutProbability;
        }

        return new FleetProfile { ComputeSeconds = compute, CommunicationSeconds = communication, DropoutRate = dropout / n };
    }

    /// <summary>Shadowheart from the fleet: h_i = mean seconds per gradient, τ_i = upload of one (RandK-compressed) vector.</summary>
    private static ShadowheartOptions ShadowheartOf(SchedulerConfig sc, DeviceFleet fleet, int dimension)
    {
        int n = fleet.Count;
        long bytes = VectorBytes(sc.RandK is { } k ? Math.Min(k, dimension) : dimension);
        var compute = new double[n];
        var upload = new double[n];
        for (int i = 0; i < n; i++)
        {
            compute[i] = fleet.MeanSecondsPerUnit(i);
            upload[i] = fleet.UploadSeconds(i, bytes);
        }

        return new ShadowheartOptions
        {
            ComputeTimes = compute,
            UploadTimes = upload,
            Compressor = sc.RandK is { } kk ? new RandKCompressor(kk) : null,
            NoiseBatch = sc.BatchSize ?? 1,
        };
    }

    private static IStalenessFunction StalenessOf(StalenessConfig s) => s.Kind switch
    {
        "constant" => StalenessFunctions.Constant(),
        "polynomial" => StalenessFunctions.Polynomial(s.A ?? 0.5),
        "hinge" => StalenessFunctions.Hinge(s.A ?? 10, (long)(s.B ?? 4)),
        "inverse" => StalenessFunctions.Inverse(s.Rate ?? 0.05),
        _ => StalenessFunctions.Exponential(s.Rate ?? 0.1),
    };
}
