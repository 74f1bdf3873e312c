using System.Text.Json.Serialization;
using AsyncFl.Cli.Running;

namespace AsyncFl.Cli.Output;

/// <summary>summary.json: the headline numbers of a run (deterministic: no wall-clock values).</summary>
internal sealed class RunSummary
{
    /// <summary>The experiment's name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The seed used.</summary>
    public long Seed { get; set; }

    /// <summary>The target loss, if any.</summary>
    public double? TargetLoss { get; set; }

    /// <summary>The target accuracy, if any.</summary>
    public double? TargetAccuracy { get; set; }

    /// <summary>The strategy speed-ups are measured against.</summary>
    public string? Baseline { get; set; }

    /// <summary>Whether the run was stopped with Ctrl+C.</summary>
    public bool Interrupted { get; set; }

    /// <summary>Side of each PNG plot in pixels (width × height).</summary>
    public int PlotWidth { get; set; }

    /// <summary>Height of each PNG plot in pixels.</summary>
    public int PlotHeight { get; set; }

    /// <summary>One entry per strategy that ran.</summary>
    public List<StrategySummary> Strategies { get; set; } = [];
}

/// <summary>A strategy's headline numbers.</summary>
internal sealed class StrategySummary
{
    /// <summary>The strategy's label.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The scheduler and aggregator as built.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>Why it stopped (targetReached, maxSimulatedTime, maxSteps, finished, interrupted).</summary>
    public string StopReason { get; set; } = string.Empty;

    /// <summary>Simulated seconds at the end.</summary>
    public double SimulatedSeconds { get; set; }

    /// <summary>Final model version (server steps).</summary>
    public long Version { get; set; }

    /// <summary>Final loss.</summary>
    public double? FinalLoss { get; set; }

    /// <summary>Final accuracy, if the problem has one.</summary>
    public double? FinalAccuracy { get; set; }

    /// <summary>Updates applied.</summary>
    public long Applied { get; set; }

    /// <summary>Updates buffered.</summary>
    public long Buffered { get; set; }

    /// <summary>Updates rejected or discarded.</summary>
    public long Rejected { get; set; }

    /// <summary>Tasks dropped or timed out.</summary>
    public long Dropped { get; set; }

    /// <summary>Tasks cancelled by the scheduler.</summary>
    public long Cancelled { get; set; }

    /// <summary>Tasks dispatched.</summary>
    public long TasksDispatched { get; set; }

    /// <summary>Simulated seconds to reach the target, or null if it was not reached.</summary>
    public double? TimeToTarget { get; set; }

    /// <summary>Baseline's time-to-target divided by this one's, or null when either did not reach it.</summary>
    public double? SpeedupOverBaseline { get; set; }

    /// <summary>Mean staleness over every accepted update.</summary>
    public double? StalenessMean { get; set; }

    /// <summary>Results per staleness 0, 1, …; the last bucket holds everything larger.</summary>
    public long[] StalenessHistogram { get; set; } = [];

    /// <summary>Client latency statistics (dispatch to arrival).</summary>
    public LatencySummary Latency { get; set; } = new();

    /// <summary>Updates per client, indexed by client id.</summary>
    public long[] Participation { get; set; } = [];
}

/// <summary>Client latency: exact percentiles (nearest rank, from the engine's statistics).</summary>
internal sealed class LatencySummary
{
    /// <summary>Completed tasks measured.</summary>
    public long Count { get; set; }

    /// <summary>Mean seconds.</summary>
    public double? Mean { get; set; }

    /// <summary>Median seconds.</summary>
    public double? P50 { get; set; }

    /// <summary>90th percentile seconds.</summary>
    public double? P90 { get; set; }

    /// <summary>99th percentile seconds.</summary>
    public double? P99 { get; set; }

    /// <summary>The 0th, 1st, …, 100th percentiles (the CDF plot's data).</summary>
    public double[] Percentiles { get; set; } = [];
}

/// <summary>Source-generated JSON for summary.json.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext
{
}

/// <summary>Builds the summary from results.</summary>
internal static class SummaryBuilder
{
    /// <summary>Names for <see cref="Running.StopReason"/> in files.</summary>
    public static string ReasonName(StopReason reason) => reason switch
    {
        StopReason.TargetReached => "targetReached",
        StopReason.MaxSimulatedTime => "maxSimulatedTime",
        StopReason.MaxSteps => "maxSteps",
        StopReason.Finished => "finished",
        _ => "interrupted",
    };

    /// <summary>Builds the summary.</summary>
    public static RunSummary Build(Config.ExperimentConfig config, IReadOnlyList<StrategyResult> results, bool interrupted, int width, int height)
    {
        var summary = new RunSummary
        {
            Name = config.Name ?? "experiment",
            Seed = config.Seed,
            TargetLoss = config.Stop?.TargetLoss,
            TargetAccuracy = config.Stop?.TargetAccuracy,
            Interrupted = interrupted,
            PlotWidth = width,
            PlotHeight = height,
        };

        int baselineIndex = BaselineIndex(config);
        double? baselineTime = null;
        if (baselineIndex >= 0)
        {
            summary.Baseline = config.Strategies![baselineIndex].Name;
            baselineTime = results.FirstOrDefault(r => r.Name == summary.Baseline)?.TimeToTarget;
        }

        foreach (var r in results)
        {
            var f = r.Final;
            long arrivals = r.StalenessHistogram.Sum();
            double stalenessSum = 0;
            for (int i = 0; i < r.StalenessHistogram.Length; i++)
            {
                stalenessSum += i * (double)r.StalenessHistogram[i];
            }

            summary.Strategies.Add(new StrategySummary
            {
                Name = r.Name,
                Description = r.Description,
                StopReason = ReasonName(r.StopReason),
                SimulatedSeconds = f.SimulatedSeconds,
                Version = f.Version,
                FinalLoss = Finite(f.Loss),
                FinalAccuracy = Finite(f.Accuracy),
                Applied = f.Applied,
                Buffered = f.Buffered,
                Rejected = f.Rejected,
                Dropped = f.Dropped,
                Cancelled = r.TasksCancelled,
                TasksDispatched = r.TasksDispatched,
                TimeToTarget = r.TimeToTarget,
                SpeedupOverBaseline = baselineTime is { } b && r.TimeToTarget is { } t && t > 0 ? b / t : null,
                StalenessMean = arrivals > 0 ? stalenessSum / arrivals : null,
                StalenessHistogram = r.StalenessHistogram,
                Participation = r.Participation,
                Latency = new LatencySummary
                {
                    Count = r.LatencyCount,
                    Mean = Finite(r.LatencyMean),
                    P50 = r.LatencyPercentiles.Length == 101 ? r.LatencyPercentiles[50] : null,
                    P90 = r.LatencyPercentiles.Length == 101 ? r.LatencyPercentiles[90] : null,
                    P99 = r.LatencyPercentiles.Length == 101 ? r.LatencyPercentiles[99] : null,
                    Percentiles = r.LatencyPercentiles,
                },
            });
        }

        return summary;
    }

    /// <summary>The index of the baseline strategy: the one marked, else the first sync-rounds strategy, else −1.</summary>
    public static int BaselineIndex(Config.ExperimentConfig config)
    {
        var s = config.Strategies ?? [];
        int marked = s.FindIndex(x => x.Baseline == true);
        return marked >= 0 ? marked : s.FindIndex(x => x.Scheduler?.Kind == "sync-rounds");
    }

    /// <summary>Percentile <paramref name="p"/> (0–100) of sorted values by nearest rank (the smallest value with at least
    /// p% of the values at or below it), the convention of the engine's statistics.</summary>
    public static double? Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return null;
        }

        int rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;
}
