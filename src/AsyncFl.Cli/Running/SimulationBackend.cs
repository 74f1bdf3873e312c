using System.Buffers;
using AsyncFl.Backends;
using AsyncFl.Cli.Config;
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
        var fleet = SimulationSetup.BuildFleet(config);
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
            objective = SimulationSetup.BuildObjective(config, fleet.Count, payload, lr);
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
        StrategyComposer.ConfigureStrategy(builder, strategy, fleet, initial.Length, RandomSource.Create(config.Seed, 2000 + strategyIndex).Seed, lr);

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
}
