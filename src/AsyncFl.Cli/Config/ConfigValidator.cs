namespace AsyncFl.Cli.Config;

/// <summary>Checks every value of a config and lists every problem with its path.</summary>
internal static partial class ConfigValidator
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
