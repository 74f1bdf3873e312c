namespace AsyncFl.Cli.Config;

/// <summary>Checks every value of a config and lists every problem with its path.</summary>
internal static class ConfigValidator
{
    /// <summary>The named device tiers.</summary>
    public static readonly string[] Tiers = ["flagship-phone", "budget-phone", "iot-sensor", "edge-server", "data-centre-silo", "custom"];

    /// <summary>Aggregator kinds and the options each accepts.</summary>
    public static readonly Dictionary<string, string[]> Aggregators = new(StringComparer.Ordinal)
    {
        ["fedavg"] = [],
        ["fedasync"] = ["alpha"],
        ["fedbuff"] = ["bufferSize", "serverLearningRate", "momentum", "serverOptimizer", "onePerClientPerBuffer"],
        ["ca2fl"] = ["bufferSize", "serverLearningRate", "momentum", "serverOptimizer", "onePerClientPerBuffer", "maxCacheAge"],
        ["afl"] = ["bufferSize", "penalty", "serverLearningRate", "serverOptimizer", "onePerClientPerBuffer"],
        ["sgd"] = ["serverLearningRate"],
    };

    /// <summary>Scheduler kinds and the options each accepts.</summary>
    public static readonly Dictionary<string, string[]> Schedulers = new(StringComparer.Ordinal)
    {
        ["sync-rounds"] = ["clientsPerRound"],
        ["async"] = ["concurrency", "participationWeighting"],
        ["asgd"] = ["concurrency"],
        ["rennala"] = ["batchSize"],
        ["ringmaster"] = ["delayThreshold", "variant"],
        ["shadowheart"] = ["batchSize", "randK"],
        ["mindflayer"] = ["timeLimitSeconds", "batchSize"],
        ["ata"] = ["batchSize"],
        ["cohort-squeeze"] = ["clientsPerRound", "squeezeFactor"],
        ["auto"] = ["batchSize"],
    };

    /// <summary>Staleness-function kinds and the options each accepts.</summary>
    public static readonly Dictionary<string, string[]> StalenessKinds = new(StringComparer.Ordinal)
    {
        ["constant"] = ["maxStaleness"],
        ["polynomial"] = ["a", "maxStaleness"],
        ["hinge"] = ["a", "b", "maxStaleness"],
        ["inverse"] = ["rate", "maxStaleness"],
        ["exponential"] = ["rate", "maxStaleness"],
    };

    /// <summary>Learning-rate kinds and the options each accepts.</summary>
    public static readonly Dictionary<string, string[]> LearningRates = new(StringComparer.Ordinal)
    {
        ["constant"] = [],
        ["inverse-sqrt"] = [],
        ["delay-aware"] = ["delayFactor"],
        ["delay-adaptive"] = [],
    };

    /// <summary>Sampler kinds.</summary>
    public static readonly string[] Samplers = ["uniform", "uniform-with-replacement", "importance", "round-robin"];

    /// <summary>Objective kinds.</summary>
    public static readonly string[] Objectives = ["quadratic", "least-squares", "logistic-regression"];

    /// <summary>Server optimisers.</summary>
    public static readonly string[] ServerOptimizers = ["sgd", "adam", "yogi", "adagrad"];

    /// <summary>Validates <paramref name="config"/>.</summary>
    /// <param name="config">The config.</param>
    /// <returns>Every problem found.</returns>
    public static List<ConfigError> Validate(ExperimentConfig config)
    {
        var v = new Checker();
        ValidateFleet(config.Fleet, v);
        ValidateProblem(config, v);
        ValidateStrategies(config.Strategies, v);
        if (config.Clock?.Kind is { } clock && clock != "virtual")
        {
            v.Add("$.clock.kind", clock == "real"
                ? "the real clock is not available in the app yet; use \"virtual\"."
                : $"unknown clock '{clock}'; use \"virtual\".");
        }

        if (config.Clock?.Workers is { } workers)
        {
            v.Range("$.clock.workers", workers, 1, 256);
        }

        ValidateStop(config.Stop, v);
        if (config.Trace?.IntervalSeconds is { } interval)
        {
            v.Positive("$.trace.intervalSeconds", interval);
        }

        return v.Errors;
    }

    private static void ValidateFleet(FleetConfig? fleet, Checker v)
    {
        if (fleet is null)
        {
            v.Add("$.fleet", "missing; describe the devices, e.g. \"fleet\": { \"tiers\": [ { \"tier\": \"budget-phone\", \"count\": 10 } ] }.");
            return;
        }

        if (fleet.Tiers is null || fleet.Tiers.Count == 0)
        {
            v.Add("$.fleet.tiers", "must list at least one tier, e.g. [ { \"tier\": \"budget-phone\", \"count\": 10 } ].");
            return;
        }

        long total = 0;
        for (int i = 0; i < fleet.Tiers.Count; i++)
        {
            var t = fleet.Tiers[i];
            string p = Fmt.I($"$.fleet.tiers[{i}]");
            if (t is null)
            {
                v.Add(p, "must be an object { \"tier\": …, \"count\": … }.");
                continue;
            }

            v.OneOf(p + ".tier", t.Tier, Tiers);
            if (t.Count < 1)
            {
                v.Add(p + ".count", Fmt.I($"must be at least 1, got {t.Count}."));
            }

            total += Math.Max(0, t.Count);
            if (t.Tier == "custom" && t.ComputeSeconds is null)
            {
                v.Add(p + ".computeSeconds", "required for a custom tier (seconds per unit of local work, e.g. 0.5).");
            }

            v.PositiveIf(p + ".computeSeconds", t.ComputeSeconds);
            v.NonNegativeIf(p + ".computeNoise", t.ComputeNoise);
            v.NonNegativeIf(p + ".speedSpread", t.SpeedSpread);
            v.PositiveIf(p + ".downloadMbps", t.DownloadMbps);
            v.PositiveIf(p + ".uploadMbps", t.UploadMbps);
            v.NonNegativeIf(p + ".latencyMs", t.LatencyMs);
            if (t.DropoutProbability is { } drop && !(drop >= 0 && drop < 1))
            {
                v.Add(p + ".dropoutProbability", "must be in [0, 1), got " + Fmt.N(drop) + ".");
            }

            if (t.Availability is { } a)
            {
                v.Positive(p + ".availability.onlineSeconds", a.OnlineSeconds);
                v.NonNegative(p + ".availability.offlineSeconds", a.OfflineSeconds);
            }
        }

        if (total > 1_000_000)
        {
            v.Add("$.fleet.tiers", Fmt.I($"the fleet has {total} devices; the app allows at most 1000000."));
        }
    }

    private static void ValidateProblem(ExperimentConfig config, Checker v)
    {
        var data = config.Data;
        bool real = data?.Dataset == "fashion-mnist";
        if (data is not null)
        {
            v.OneOf("$.data.dataset", data.Dataset ?? "synthetic", ["synthetic", "fashion-mnist"]);
            v.OneOf("$.data.partition", data.Partition ?? "iid", ["iid", "dirichlet", "shards"]);
            if (data.Alpha is { } alpha)
            {
                if (data.Partition != "dirichlet")
                {
                    v.Add("$.data.alpha", "applies only to \"partition\": \"dirichlet\"; remove it or change the partition.");
                }

                v.Positive("$.data.alpha", alpha);
            }

            if (data.LabelsPerClient is { } labels)
            {
                if (data.Partition != "shards")
                {
                    v.Add("$.data.labelsPerClient", "applies only to \"partition\": \"shards\"; remove it or change the partition.");
                }

                v.Range("$.data.labelsPerClient", labels, 1, 10);
            }

            if (data.SamplesPerClient is { } spc)
            {
                v.Range("$.data.samplesPerClient", spc, 1, 10_000_000);
            }

            v.NonNegativeIf("$.data.heterogeneity", data.Heterogeneity);
            if (data.TestSamples is { } ts)
            {
                if (!real)
                {
                    v.Add("$.data.testSamples", "applies only to a real dataset (\"dataset\": \"fashion-mnist\"); remove it.");
                }

                v.Range("$.data.testSamples", ts, 1, 10_000);
            }
            if (data.Directory is not null && !real)
            {
                v.Add("$.data.directory", "applies only to a real dataset (\"dataset\": \"fashion-mnist\"); remove it.");
            }
        }

        if (config.Objective is null && config.Model is null)
        {
            v.Add("$.objective", "missing; give a synthetic objective, e.g. \"objective\": { \"kind\": \"quadratic\", \"dimension\": 100 }, or a \"model\" for real data.");
            return;
        }

        if (config.Objective is not null && config.Model is not null)
        {
            v.Add("$.model", "give either \"objective\" (synthetic) or \"model\" (real data), not both.");
        }

        if (config.Objective is { } o)
        {
            if (real)
            {
                v.Add("$.objective", "a synthetic objective cannot train on fashion-mnist; use \"model\": { \"kind\": \"cnn\" } or \"dataset\": \"synthetic\".");
            }

            v.OneOf("$.objective.kind", o.Kind, Objectives);
            v.Range("$.objective.dimension", o.Dimension, 1, 10_000_000);
            v.NonNegative("$.objective.noise", o.Noise);
            if (o.Smoothness is { } l)
            {
                if (o.Kind is not "quadratic")
                {
                    v.Add("$.objective.smoothness", "applies only to \"kind\": \"quadratic\"; remove it.");
                }

                v.Positive("$.objective.smoothness", l);
            }

            if (o.Kind == "quadratic")
            {
                if (o.Samples is not null)
                {
                    v.Add("$.objective.samples", "does not apply to the quadratic (its gradients are exact plus noise); remove it.");
                }

                if (o.BatchSize is not null)
                {
                    v.Add("$.objective.batchSize", "does not apply to the quadratic (its gradients are exact plus noise); remove it.");
                }
            }

            if (o.Samples is { } n)
            {
                v.Range("$.objective.samples", n, 1, 10_000_000);
            }

            if (o.BatchSize is { } b)
            {
                v.Range("$.objective.batchSize", b, 1, o.Samples ?? int.MaxValue);
            }
        }

        if (config.Model is { } m)
        {
            v.OneOf("$.model.kind", m.Kind, ["mlp", "cnn", "cnn-small"]);
            if (m.LocalUnit is not null)
            {
                v.OneOf("$.model.localUnit", m.LocalUnit, ["epochs", "steps"]);
            }

            if (m.Hidden is { } h)
            {
                if (m.Kind != "mlp")
                {
                    v.Add("$.model.hidden", "applies only to \"kind\": \"mlp\"; remove it.");
                }

                v.Range("$.model.hidden", h, 1, 100_000);
            }

            if (m.Channels is { } ch)
            {
                if (m.Kind != "cnn-small")
                {
                    v.Add("$.model.channels", "applies only to \"kind\": \"cnn-small\"; remove it.");
                }

                if (ch.Length != 2)
                {
                    v.Add("$.model.channels", Fmt.I($"must list the channels of the two convolutions, e.g. [16, 32]; got {ch.Length} value(s)."));
                }
                else
                {
                    v.Range("$.model.channels[0]", ch[0], 1, 512);
                    v.Range("$.model.channels[1]", ch[1], 1, 512);
                }
            }

            if (m.Optimizer is not null)
            {
                v.OneOf("$.model.optimizer", m.Optimizer, ["adam", "sgd"]);
            }

            if (m.Momentum is { } mom)
            {
                if (m.Optimizer != "sgd")
                {
                    v.Add("$.model.momentum", "applies only to \"optimizer\": \"sgd\"; remove it.");
                }

                if (!(mom >= 0 && mom < 1))
                {
                    v.Add("$.model.momentum", "must be in [0, 1), got " + Fmt.N(mom) + ".");
                }
            }
            if (!real)
            {
                v.Add("$.data.dataset", "a \"model\" needs real data; set \"data\": { \"dataset\": \"fashion-mnist\" }.");
            }

            if (m.BatchSize is { } b)
            {
                v.Range("$.model.batchSize", b, 1, 60_000);
            }

            if (m.Device is not null)
            {
                v.OneOf("$.model.device", m.Device, ["cpu", "cuda"]);
            }
        }
    }

    private static void ValidateStrategies(List<StrategyConfig>? strategies, Checker v)
    {
        if (strategies is null || strategies.Count == 0)
        {
            v.Add("$.strategies", "must list at least one strategy, e.g. [ { \"name\": \"FedAsync\", \"aggregator\": { \"kind\": \"fedasync\" }, \"scheduler\": { \"kind\": \"async\" } } ].");
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        int baselines = 0;
        for (int i = 0; i < strategies.Count; i++)
        {
            var s = strategies[i];
            string p = Fmt.I($"$.strategies[{i}]");
            if (s is null)
            {
                v.Add(p, "must be an object with \"aggregator\" and \"scheduler\".");
                continue;
            }

            if (string.IsNullOrWhiteSpace(s.Name))
            {
                v.Add(p + ".name", "missing; give the strategy a label for the tables and plots, e.g. \"FedAsync\".");
            }
            else if (!names.Add(s.Name))
            {
                v.Add(p + ".name", $"'{s.Name}' is used by an earlier strategy; names must be unique.");
            }

            if (s.Baseline == true)
            {
                baselines++;
            }

            v.Range(p + ".localSteps", s.LocalSteps, 1, 1_000_000);
            ValidateAggregator(s.Aggregator, p + ".aggregator", v);
            ValidateScheduler(s.Scheduler, p + ".scheduler", v);
            if (s.Scheduler?.ParticipationWeighting is "inter-arrival" && s.Aggregator?.Kind == "sgd")
            {
                v.Add(p + ".scheduler.participationWeighting", "\"inter-arrival\" needs an aggregator that takes per-update weights (not \"sgd\", which runs as ASGD).");
            }
            if (s.Sampler is { } sampler)
            {
                v.OneOf(p + ".sampler.kind", sampler.Kind, Samplers);
                if (sampler.Floor is { } floor && !(floor >= 0 && floor <= 1))
                {
                    v.Add(p + ".sampler.floor", "must be in [0, 1], got " + Fmt.N(floor) + ".");
                }
            }

            if (s.LearningRate is { } lr)
            {
                string lp = p + ".learningRate";
                if (v.OneOf(lp + ".kind", lr.Kind, LearningRates.Keys))
                {
                    v.Applicable(lp, lr.Kind!, LearningRates[lr.Kind!], ("delayFactor", lr.DelayFactor is not null));
                }

                v.Positive(lp + ".value", lr.Value);
                v.NonNegativeIf(lp + ".delayFactor", lr.DelayFactor);
            }

            if (s.Staleness is { } st)
            {
                string sp = p + ".staleness";
                if (v.OneOf(sp + ".kind", st.Kind, StalenessKinds.Keys))
                {
                    v.Applicable(sp, st.Kind!, StalenessKinds[st.Kind!], ("a", st.A is not null), ("b", st.B is not null), ("rate", st.Rate is not null), ("maxStaleness", st.MaxStaleness is not null));
                }

                v.NonNegativeIf(sp + ".a", st.A);
                v.NonNegativeIf(sp + ".b", st.B);
                v.NonNegativeIf(sp + ".rate", st.Rate);
                if (st.MaxStaleness is { } max && max < 0)
                {
                    v.Add(sp + ".maxStaleness", "must be at least 0, got " + Fmt.N(max) + ".");
                }
            }
        }

        if (baselines > 1)
        {
            v.Add("$.strategies", Fmt.I($"{baselines} strategies say \"baseline\": true; mark at most one."));
        }
    }

    private static void ValidateAggregator(AggregatorConfig? a, string p, Checker v)
    {
        if (a is null)
        {
            v.Add(p, "missing; e.g. \"aggregator\": { \"kind\": \"fedasync\", \"alpha\": 0.6 }. Kinds: " + string.Join(", ", Aggregators.Keys) + ".");
            return;
        }

        if (v.OneOf(p + ".kind", a.Kind, Aggregators.Keys))
        {
            v.Applicable(p, a.Kind!, Aggregators[a.Kind!],
                ("alpha", a.Alpha is not null), ("bufferSize", a.BufferSize is not null), ("serverLearningRate", a.ServerLearningRate is not null),
                ("momentum", a.Momentum is not null), ("serverOptimizer", a.ServerOptimizer is not null), ("penalty", a.Penalty is not null),
                ("onePerClientPerBuffer", a.OnePerClientPerBuffer is not null), ("maxCacheAge", a.MaxCacheAge is not null));
        }

        if (a.MaxCacheAge is { } age)
        {
            v.Range(p + ".maxCacheAge", age, 0, long.MaxValue);
        }

        if (a.Alpha is { } alpha && !(alpha > 0 && alpha <= 1))
        {
            v.Add(p + ".alpha", "must be in (0, 1], got " + Fmt.N(alpha) + ".");
        }

        if (a.BufferSize is { } k)
        {
            v.Range(p + ".bufferSize", k, 1, 1_000_000);
        }

        v.PositiveIf(p + ".serverLearningRate", a.ServerLearningRate);
        if (a.Momentum is { } mom && !(mom >= 0 && mom < 1))
        {
            v.Add(p + ".momentum", "must be in [0, 1), got " + Fmt.N(mom) + ".");
        }

        if (a.ServerOptimizer is not null)
        {
            v.OneOf(p + ".serverOptimizer", a.ServerOptimizer, ServerOptimizers);
        }

        v.NonNegativeIf(p + ".penalty", a.Penalty);
    }

    private static void ValidateScheduler(SchedulerConfig? s, string p, Checker v)
    {
        if (s is null)
        {
            v.Add(p, "missing; e.g. \"scheduler\": { \"kind\": \"async\" }. Kinds: " + string.Join(", ", Schedulers.Keys) + ".");
            return;
        }

        if (v.OneOf(p + ".kind", s.Kind, Schedulers.Keys))
        {
            v.Applicable(p, s.Kind!, Schedulers[s.Kind!],
                ("clientsPerRound", s.ClientsPerRound is not null), ("concurrency", s.Concurrency is not null), ("batchSize", s.BatchSize is not null),
                ("delayThreshold", s.DelayThreshold is not null), ("variant", s.Variant is not null), ("timeLimitSeconds", s.TimeLimitSeconds is not null),
                ("squeezeFactor", s.SqueezeFactor is not null), ("randK", s.RandK is not null),
                ("participationWeighting", s.ParticipationWeighting is not null));
        }

        if (s.ParticipationWeighting is not null)
        {
            v.OneOf(p + ".participationWeighting", s.ParticipationWeighting, ["none", "inter-arrival"]);
        }

        if (s.ClientsPerRound is { } m)
        {
            v.Range(p + ".clientsPerRound", m, 1, 1_000_000);
        }

        if (s.Concurrency is { } c)
        {
            v.Range(p + ".concurrency", c, 1, 1_000_000);
        }

        if (s.BatchSize is { } b)
        {
            v.Range(p + ".batchSize", b, 1, 1_000_000);
        }

        if (s.DelayThreshold is { } r)
        {
            v.Range(p + ".delayThreshold", r, 1, int.MaxValue);
        }

        if (s.Variant is not null)
        {
            v.OneOf(p + ".variant", s.Variant, ["discard", "restart"]);
        }

        v.PositiveIf(p + ".timeLimitSeconds", s.TimeLimitSeconds);
        if (s.RandK is { } randK)
        {
            v.Range(p + ".randK", randK, 1, int.MaxValue);
        }

        if (s.SqueezeFactor is { } k)
        {
            v.Range(p + ".squeezeFactor", k, 1, 1_000);
        }
    }

    private static void ValidateStop(StopConfig? stop, Checker v)
    {
        if (stop is null || (stop.MaxSimulatedSeconds is null && stop.MaxSteps is null))
        {
            v.Add("$.stop", "give \"maxSimulatedSeconds\" or \"maxSteps\" (or both) so every run ends, e.g. \"stop\": { \"maxSimulatedSeconds\": 600, \"targetLoss\": 0.01 }.");
        }

        if (stop is null)
        {
            return;
        }

        v.PositiveIf("$.stop.maxSimulatedSeconds", stop.MaxSimulatedSeconds);
        v.PositiveIf("$.stop.targetLoss", stop.TargetLoss);
        if (stop.TargetAccuracy is { } acc && !(acc > 0 && acc <= 1))
        {
            v.Add("$.stop.targetAccuracy", "must be in (0, 1], got " + Fmt.N(acc) + ".");
        }

        if (stop.MaxSteps is { } steps && steps < 1)
        {
            v.Add("$.stop.maxSteps", "must be at least 1, got " + Fmt.N(steps) + ".");
        }
    }

    /// <summary>Collects errors.</summary>
    private sealed class Checker
    {
        public List<ConfigError> Errors { get; } = [];

        public void Add(string path, string message) => Errors.Add(new ConfigError(path, message));

        public bool OneOf(string path, string? value, IEnumerable<string> allowed)
        {
            var list = allowed.ToList();
            if (value is null)
            {
                Add(path, "missing; one of: " + string.Join(", ", list) + ".");
                return false;
            }

            if (list.Contains(value, StringComparer.Ordinal))
            {
                return true;
            }

            string? suggestion = Fmt.Closest(value, list);
            Add(path, $"unknown value '{value}'" + (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)") +
                "; use one of: " + string.Join(", ", list) + ".");
            return false;
        }

        public void Applicable(string path, string kind, string[] allowed, params (string Key, bool Present)[] options)
        {
            foreach (var (key, present) in options)
            {
                if (present && Array.IndexOf(allowed, key) < 0)
                {
                    Add(path + "." + key, $"does not apply to kind '{kind}'" +
                        (allowed.Length == 0 ? " (it takes no options)" : "; its options are: " + string.Join(", ", allowed)) + ". Remove it.");
                }
            }
        }

        public void Positive(string path, double value)
        {
            if (!(double.IsFinite(value) && value > 0))
            {
                Add(path, "must be a finite number > 0, got " + Fmt.N(value) + ".");
            }
        }

        public void NonNegative(string path, double value)
        {
            if (!(double.IsFinite(value) && value >= 0))
            {
                Add(path, "must be a finite number ≥ 0, got " + Fmt.N(value) + ".");
            }
        }

        public void PositiveIf(string path, double? value)
        {
            if (value is { } x)
            {
                Positive(path, x);
            }
        }

        public void NonNegativeIf(string path, double? value)
        {
            if (value is { } x)
            {
                NonNegative(path, x);
            }
        }

        public void Range(string path, long value, long min, long max)
        {
            if (value < min || value > max)
            {
                Add(path, max == int.MaxValue || max == long.MaxValue
                    ? Fmt.I($"must be at least {min}, got {value}.")
                    : Fmt.I($"must be in [{min}, {max}], got {value}."));
            }
        }
    }
}
