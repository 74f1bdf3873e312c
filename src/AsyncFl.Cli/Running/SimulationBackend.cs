using System.Buffers;
using AsyncFl.Aggregators;
using AsyncFl.Backends;
using AsyncFl.Cli.Config;
using AsyncFl.Schedulers;
using AsyncFl.Schedulers.Theory;
using AsyncFl.Simulation;
using AsyncFl.Simulation.Objectives;

namespace AsyncFl.Cli.Running;

/// <summary>
/// Runs a strategy on the library's engine (<see cref="FederatedServer"/>) with the virtual clock
/// (<see cref="VirtualClockSimulator"/>), a <see cref="DeviceFleet"/> built from the config's tiers and a synthetic
/// objective as the client workload. The app only translates the config; the engine does the work.
/// </summary>
internal sealed class SimulationBackend : IExperimentBackend, IDisposable
{
    private FashionMnistProblem? _problem;
    private ExperimentConfig? _problemConfig;

    /// <summary>Aggregator × scheduler pairs this build can run.</summary>
    private static readonly Dictionary<string, string[]> Supported = new(StringComparer.Ordinal)
    {
        ["fedavg"] = ["sync-rounds"],
        ["fedasync"] = ["async"],
        ["fedbuff"] = ["async"],
        ["ca2fl"] = ["async"],
        ["afl"] = ["async"],
        ["sgd"] = ["async", "asgd", "ringmaster", "rennala", "mindflayer", "ata", "auto", "shadowheart"],
    };

    /// <summary>Buckets kept in the staleness histogram (the last one holds everything larger).</summary>
    private const int StalenessBuckets = 64;

    /// <inheritdoc />
    public IReadOnlyList<ConfigError> Check(ExperimentConfig config)
    {
        var errors = new List<ConfigError>();
        if (config.Model is { } model)
        {
            if (model.Device == "cuda")
            {
                errors.Add(new ConfigError("$.model.device", "this build of the app ships TorchSharp's CPU libraries only; use \"device\": \"cpu\" (or leave it out)."));
            }

            if (config.Stop!.TargetLoss is not null)
            {
                errors.Add(new ConfigError("$.stop.targetLoss", "a real model is measured by its test accuracy; use \"targetAccuracy\" instead."));
            }

            for (int i = 0; i < config.Strategies!.Count; i++)
            {
                if (config.Strategies[i].Aggregator!.Kind == "sgd")
                {
                    errors.Add(new ConfigError(Fmt.I($"$.strategies[{i}].aggregator.kind"), "'sgd' (asgd, ringmaster, rennala) applies stochastic gradients one at a time, while the real-model trainer returns model deltas of whole local epochs; use fedavg, fedasync, fedbuff, ca2fl or afl."));
                }
            }
        }
        else if (config.Strategies!.Any(s => s.Aggregator!.Kind == "afl"))
        {
            int i = config.Strategies!.FindIndex(s => s.Aggregator!.Kind == "afl");
            errors.Add(new ConfigError(Fmt.I($"$.strategies[{i}].aggregator.kind"), "'afl' is wired into the app for real models (\"model\") only; use fedbuff on synthetic objectives."));
        }

        for (int i = 0; i < config.Strategies!.Count; i++)
        {
            var s = config.Strategies[i];
            string p = Fmt.I($"$.strategies[{i}]");
            string agg = s.Aggregator!.Kind!, sched = s.Scheduler!.Kind!;
            if (!Supported.TryGetValue(agg, out var schedulers))
            {
                errors.Add(new ConfigError(p + ".aggregator.kind", $"'{agg}' is not wired into the app yet; use one of: {string.Join(", ", Supported.Keys)}."));
            }
            else if (Array.IndexOf(schedulers, sched) < 0)
            {
                errors.Add(new ConfigError(p + ".scheduler.kind", $"the app runs aggregator '{agg}' with scheduler {string.Join(" or ", schedulers.Select(x => "'" + x + "'"))}, not '{sched}'" +
                    (sched is "cohort-squeeze" ? $" ('{sched}' is not wired into the app yet)" : string.Empty) + "."));
            }

            if (s.Sampler?.Kind is { } sampler && sampler != "uniform")
            {
                errors.Add(new ConfigError(p + ".sampler.kind", $"only 'uniform' is wired into the app yet, not '{sampler}'; remove the sampler or use \"uniform\"."));
            }

            if (s.Sampler?.Floor is not null)
            {
                errors.Add(new ConfigError(p + ".sampler.floor", "fairness floors are not wired into the app yet; remove it."));
            }

            if (s.LearningRate?.Kind is { } lr && lr != "constant")
            {
                errors.Add(new ConfigError(p + ".learningRate.kind", $"only 'constant' is wired into the app yet, not '{lr}'."));
            }

            if (s.Staleness is not null && agg is not ("fedasync" or "fedbuff"))
            {
                errors.Add(new ConfigError(p + ".staleness", $"a staleness policy applies to fedasync and fedbuff in the app, not to '{agg}'; remove it."));
            }

            if (s.Aggregator.ServerOptimizer is { } opt && opt != "sgd")
            {
                errors.Add(new ConfigError(p + ".aggregator.serverOptimizer", $"only 'sgd' is wired into the app yet, not '{opt}'."));
            }

            if (agg == "sgd" && sched == "rennala" && s.Scheduler.BatchSize is null)
            {
                // Rennala's default S = 1 is valid; nothing to report.
            }
        }

        return errors;
    }

    /// <inheritdoc />
    public StrategyResult Run(ExperimentConfig config, int strategyIndex, Action<ProgressSnapshot> progress, CancellationToken cancellationToken)
    {
        var strategy = config.Strategies![strategyIndex];
        var fleet = BuildFleet(config);
        string agg = strategy.Aggregator!.Kind!;
        string sched = strategy.Scheduler!.Kind!;
        bool real = config.Model is not null;
        double lr = strategy.LearningRate?.Value ?? (real ? 1e-3 : 0.1);
        var payload = agg switch
        {
            "sgd" => UpdatePayloadKind.Gradient,
            _ => UpdatePayloadKind.ModelDelta,
        };

        // The problem: a synthetic objective (loss = f(x) − f*) or a real model (loss = test NLL, accuracy = test accuracy).
        IClientWorkload baseWorkload;
        float[] initial;
        Func<ParameterVector, (double Loss, double Accuracy)> measure;
        Func<int, int> samplesOf;
        SimulationObjective? objective = null;
        string problemDescription;
        if (real)
        {
            var problem = GetProblem(config, fleet.Count);
            baseWorkload = problem.Trainer;
            initial = problem.InitialParameters();
            measure = x =>
            {
                var r = problem.Evaluate(x);
                return (r.Loss, r.Accuracy);
            };
            int[] counts = problem.SampleCounts;
            samplesOf = c => counts[c];
            problemDescription = Fmt.I($"{problem.ModelDescription}, {problem.Test.Count} test images; {fleet.Count} clients; local {config.Model!.LocalUnit ?? "epochs"} {strategy.LocalSteps}; batch {config.Model!.BatchSize ?? 64}; {config.Model.Optimizer ?? "adam"} learning rate {lr}");
        }
        else
        {
            objective = BuildObjective(config, fleet.Count, payload, lr);
            baseWorkload = objective;
            initial = objective.CreateInitialPoint();
            var o = objective;
            measure = x => (o.Suboptimality(x), double.NaN);
            samplesOf = objective.ClientSampleCount;
            problemDescription = Fmt.I($"{fleet.Count} clients; local steps {strategy.LocalSteps}; learning rate {lr}");
        }

        IClientWorkload workload = agg == "fedasync" ? new WeightsWorkload(baseWorkload) : baseWorkload;

        var builder = new FederatedServerBuilder()
            .WithInitialModel(initial)
            .UseWorkload(workload)
            .WithSeed(RandomSource.Create(config.Seed, 1000 + strategyIndex).Seed);
        ConfigureStrategy(builder, strategy, fleet, initial.Length, RandomSource.Create(config.Seed, 2000 + strategyIndex).Seed, lr);

        var stop = config.Stop!;
        double interval = config.Trace?.IntervalSeconds ?? DefaultInterval(stop);
        var trace = new List<TracePoint>();
        double? timeToTarget = null;
        long lastCount = 0;
        double lastSum = 0;
        bool continueAfterTarget = stop.ContinueAfterTarget == true;
        bool interrupted = false;
        bool targetSeen = false;

        using var server = builder.Build();
        double maxTime = stop.MaxSimulatedSeconds ?? double.PositiveInfinity;
        var options = new SimulationOptions
        {
            MaxTime = maxTime,
            MaxServerSteps = stop.MaxSteps,
            TraceEverySeconds = interval,
            SamplesOf = samplesOf,
            MaxDegreeOfParallelism = config.Clock?.Workers ?? 1,
            StopCheckEverySteps = objective is FiniteSumObjective ? 10 : 1,
            StopWhen = s =>
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    interrupted = true;
                    return true;
                }

                if (real)
                {
                    // Accuracy is measured at trace points only (an evaluation costs a pass over the test set).
                    return targetSeen && !continueAfterTarget;
                }

                if (timeToTarget is null && stop.TargetLoss is { } target && objective!.Suboptimality(s.Model.Parameters) <= target)
                {
                    timeToTarget = s.Now;
                    return !continueAfterTarget;
                }

                return false;
            },
            Trace = tp =>
            {
                var stats = tp.Server.GetStatistics();
                var hist = stats.StalenessHistogram;
                long count = 0;
                double sum = 0;
                for (int k = 0; k < hist.Count; k++)
                {
                    count += hist[k];
                    sum += k * (double)hist[k];
                }

                long maxStaleness = 0;
                for (int k = hist.Count - 1; k >= 0; k--)
                {
                    if (hist[k] > 0)
                    {
                        maxStaleness = k;
                        break;
                    }
                }

                bool duplicate = trace.Count > 0 && trace[^1].SimulatedSeconds == tp.Time && trace[^1].Version == tp.Version.Value;
                var (loss, accuracy) = duplicate && real ? (trace[^1].Loss, trace[^1].Accuracy) : measure(tp.Server.Model.Parameters);
                var point = new TracePoint(
                    tp.Time,
                    tp.Version.Value,
                    loss,
                    accuracy,
                    stats.Applied,
                    stats.Buffered,
                    stats.Rejected,
                    stats.TasksDropped + stats.TasksTimedOut,
                    count > lastCount ? (sum - lastSum) / (count - lastCount) : double.NaN,
                    maxStaleness);
                lastCount = count;
                lastSum = sum;
                if (duplicate)
                {
                    trace[^1] = point with { StalenessMean = trace[^1].StalenessMean };
                }
                else
                {
                    trace.Add(point);
                }

                if (real && timeToTarget is null && stop.TargetAccuracy is { } targetAccuracy && accuracy >= targetAccuracy)
                {
                    timeToTarget = tp.Time;
                    targetSeen = true;
                }

                double fraction = Math.Max(
                    double.IsFinite(maxTime) ? tp.Time / maxTime : 0,
                    stop.MaxSteps is { } ms ? tp.Version.Value / (double)ms : 0);
                progress(new ProgressSnapshot(strategyIndex, point, Math.Clamp(fraction, 0, 1)));
            },
        };

        var simulator = new VirtualClockSimulator(server, fleet, options);
        var result = simulator.Run();
        var final = result.Statistics;

        var reason = interrupted ? StopReason.Interrupted
            : timeToTarget is not null && !continueAfterTarget ? StopReason.TargetReached
            : result.Reason switch
            {
                AsyncFl.Engine.StopReason.MaxTime => StopReason.MaxSimulatedTime,
                AsyncFl.Engine.StopReason.MaxServerSteps => StopReason.MaxSteps,
                _ => StopReason.Finished,
            };

        var histogram = new long[Math.Min(StalenessBuckets, Math.Max(1, final.StalenessHistogram.Count))];
        for (int k = 0; k < final.StalenessHistogram.Count; k++)
        {
            histogram[Math.Min(k, histogram.Length - 1)] += final.StalenessHistogram[k];
        }

        return new StrategyResult
        {
            Name = strategy.Name!,
            Description = server.Scheduler.Name + " + " + server.Aggregator.Name + "; " + problemDescription,
            StopReason = reason,
            Trace = trace,
            TimeToTarget = timeToTarget,
            StalenessHistogram = histogram,
            Participation = final.Participation.Select(c => (long)c).ToArray(),
            LatencyPercentiles = final.TasksCompleted > 0 ? Enumerable.Range(0, 101).Select(p => final.LatencyPercentile(p / 100.0)).ToArray() : [],
            LatencyMean = final.MeanClientLatency,
            LatencyCount = final.TasksCompleted,
            TasksDispatched = final.TasksDispatched,
            TasksCancelled = final.TasksCancelled,
        };
    }

    /// <summary>Disposes the loaded real-data problem, if any.</summary>
    public void Dispose()
    {
        _problem?.Dispose();
        _problem = null;
        _problemConfig = null;
    }

    /// <summary>The real-data problem of <paramref name="config"/>, loaded once and shared by its strategies.</summary>
    private FashionMnistProblem GetProblem(ExperimentConfig config, int clients)
    {
        if (_problem is null || !ReferenceEquals(_problemConfig, config))
        {
            _problem?.Dispose();
            _problem = FashionMnistProblem.Create(config, clients);
            _problemConfig = config;
        }

        return _problem;
    }

    private static double DefaultInterval(StopConfig stop) =>
        stop.MaxSimulatedSeconds is { } t ? t / 200 : 1;

    /// <summary>Server SGD with the config's learning rate (default 1), or FedAvgM when a momentum is given.</summary>
    private static ServerOptimizerOptions ServerOptimizerOf(AggregatorConfig a) => a.Momentum is { } momentum
        ? ServerOptimizers.FedAvgM(a.ServerLearningRate ?? 1.0, momentum)
        : ServerOptimizers.Sgd(a.ServerLearningRate ?? 1.0);

    private static void ConfigureStrategy(FederatedServerBuilder builder, StrategyConfig s, DeviceFleet fleet, int dimension, long seed, double lr)
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

    private static DeviceFleet BuildFleet(ExperimentConfig config)
    {
        var mix = new List<(DeviceTier, int)>();
        foreach (var t in config.Fleet!.Tiers!)
        {
            var tier = t.Tier == "custom"
                ? new DeviceTier("custom", t.ComputeSeconds!.Value)
                : DeviceTiers.All.First(x => x.Name == t.Tier);
            if (t.ComputeSeconds is { } cs)
            {
                tier = tier with { SecondsPerUnit = cs };
            }

            if (t.SpeedSpread is { } spread)
            {
                tier = tier with { SpeedSpread = spread };
            }

            if (t.ComputeNoise is { } noise)
            {
                tier = tier with { Noise = noise > 0 ? NoiseDistribution.Exponential(noise) : NoiseDistribution.None };
            }

            if (t.DownloadMbps is not null || t.UploadMbps is not null || t.LatencyMs is not null)
            {
                var link = tier.Link;
                tier = tier with
                {
                    Link = new CommunicationLink(
                        t.DownloadMbps is { } d ? d * 1e6 / 8 : link.DownloadBytesPerSecond,
                        t.UploadMbps is { } u ? u * 1e6 / 8 : link.UploadBytesPerSecond,
                        t.LatencyMs is { } l ? l / 1000 : link.LatencySeconds),
                };
            }

            if (t.DropoutProbability is { } drop)
            {
                tier = tier with { DropoutProbability = drop };
            }

            if (t.Availability is { } a)
            {
                double period = a.OnlineSeconds + a.OfflineSeconds;
                tier = tier with { AvailabilityPeriodSeconds = period, AvailableFraction = a.OnlineSeconds / period };
            }

            mix.Add((tier, t.Count));
        }

        return DeviceFleet.FromTiers(mix, RandomSource.Create(config.Seed, 1).Seed, shuffle: false);
    }

    private static SimulationObjective BuildObjective(ExperimentConfig config, int clients, UpdatePayloadKind payload, double lr)
    {
        var o = config.Objective!;
        double heterogeneity = config.Data?.Heterogeneity ?? 0;
        long seed = RandomSource.Create(config.Seed, 2).Seed;
        return o.Kind switch
        {
            "quadratic" => new TridiagonalQuadratic(new TridiagonalQuadraticOptions
            {
                Dimension = o.Dimension,
                Smoothness = o.Smoothness ?? 1.0,
                NoiseScale = o.Noise,
                PayloadKind = payload,
                DefaultLearningRate = lr,
                ClientCount = heterogeneity > 0 ? clients : 0,
                Heterogeneity = heterogeneity,
                Seed = seed,
            }),
            "least-squares" => new LeastSquares(new LeastSquaresOptions
            {
                Dimension = o.Dimension,
                Rows = o.Samples ?? 10_000,
                BatchSize = o.BatchSize ?? 256,
                PayloadKind = payload,
                DefaultLearningRate = lr,
                ClientCount = heterogeneity > 0 ? clients : 0,
                Heterogeneity = heterogeneity,
                Seed = seed,
            }),
            _ => new LogisticRegression(new LogisticRegressionOptions
            {
                Dimension = o.Dimension,
                Rows = o.Samples ?? 1_000,
                BatchSize = o.BatchSize ?? 32,
                PayloadKind = payload,
                DefaultLearningRate = lr,
                ClientCount = heterogeneity > 0 ? clients : 0,
                Heterogeneity = heterogeneity,
                Seed = seed,
            }),
        };
    }

    /// <summary>
    /// FedAsync mixes client weights (<see cref="UpdatePayloadKind.Weights"/>) while the simulation objectives and the
    /// real-model trainer return local-training deltas: this adapter sends <c>w = x_base + Δ</c>.
    /// </summary>
    private sealed class WeightsWorkload(IClientWorkload inner) : IClientWorkload
    {
        public int Dimension => inner.Dimension;

        public UpdatePayloadKind PayloadKind => UpdatePayloadKind.Weights;

        public void Execute(in ClientWork work, ParameterVector baseModel, ClientUpdate update, RandomSource random)
        {
            inner.Execute(work, baseModel, update, random);
            int d = inner.Dimension;
            float[] a = ArrayPool<float>.Shared.Rent(d);
            float[] b = ArrayPool<float>.Shared.Rent(d);
            try
            {
                var delta = a.AsSpan(0, d);
                var x = b.AsSpan(0, d);
                update.Payload.CopyTo(delta);
                baseModel.CopyTo(x);
                System.Numerics.Tensors.TensorPrimitives.Add(x, delta, delta);
                update.Payload.CopyFrom(delta);
                update.Kind = UpdatePayloadKind.Weights;
            }
            finally
            {
                ArrayPool<float>.Shared.Return(a);
                ArrayPool<float>.Shared.Return(b);
            }
        }
    }
}
