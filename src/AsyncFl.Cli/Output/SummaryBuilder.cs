using AsyncFl.Cli.Running;

namespace AsyncFl.Cli.Output;

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
