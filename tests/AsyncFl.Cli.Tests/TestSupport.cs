using AsyncFl.Cli.Config;
using AsyncFl.Cli.Running;

namespace AsyncFl.Cli.Tests;

/// <summary>A deterministic stand-in for the engine: an exponential loss decay whose rate depends on the strategy and seed.</summary>
internal sealed class FakeBackend : IExperimentBackend
{
    public int CancelAfterStrategy { get; init; } = -1;

    public CancellationTokenSource? Cancel { get; init; }

    public IReadOnlyList<ConfigError> Check(ExperimentConfig config) => [];

    public StrategyResult Run(ExperimentConfig config, int strategyIndex, Action<ProgressSnapshot> progress, CancellationToken cancellationToken)
    {
        var rng = RandomSource.Create(config.Seed, strategyIndex);
        int clients = config.Fleet!.Tiers!.Sum(t => t.Count);
        double interval = config.Trace?.IntervalSeconds ?? 1;
        double maxTime = config.Stop!.MaxSimulatedSeconds ?? 100;
        double rate = 0.05 * (strategyIndex + 1);
        var trace = new List<TracePoint>();
        var participation = new long[clients];
        var staleness = new long[8];
        var latencies = new List<double>();
        double? ttt = null;
        long applied = 0;
        var reason = StopReason.MaxSimulatedTime;
        for (double t = 0; t <= maxTime + 1e-9; t += interval)
        {
            double loss = Math.Exp(-rate * t) * (1 + (0.01 * rng.NextDouble()));
            int arrivals = 1 + rng.Next(3);
            for (int a = 0; a < arrivals; a++)
            {
                participation[rng.Next(clients)]++;
                staleness[rng.Next(staleness.Length)]++;
                latencies.Add(0.5 + (3 * rng.NextDouble()));
            }

            applied += arrivals;
            var point = new TracePoint(t, applied, loss, double.NaN, applied, 0, strategyIndex, 0, 1.5, 4);
            trace.Add(point);
            progress(new ProgressSnapshot(strategyIndex, point, t / maxTime));
            if (ttt is null && config.Stop.TargetLoss is { } target && loss <= target)
            {
                ttt = t;
                reason = StopReason.TargetReached;
                break;
            }
        }

        if (strategyIndex == CancelAfterStrategy)
        {
            Cancel!.Cancel();
        }

        return new StrategyResult
        {
            Name = config.Strategies![strategyIndex].Name!,
            Description = "fake",
            StopReason = cancellationToken.IsCancellationRequested ? StopReason.Interrupted : reason,
            Trace = trace,
            TimeToTarget = ttt,
            StalenessHistogram = staleness,
            Participation = participation,
            LatencyPercentiles = Enumerable.Range(0, 101).Select(p => AsyncFl.Cli.Output.SummaryBuilder.Percentile(latencies.Order().ToArray(), p)!.Value).ToArray(),
            LatencyMean = latencies.Average(),
            LatencyCount = latencies.Count,
            TasksDispatched = applied,
        };
    }
}

/// <summary>Runs the app in-process and captures what it prints.</summary>
internal static class AppRunner
{
    public static (int Code, string Out, string Err) Run(string[] args, IExperimentBackend? backend = null,
        Dictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var app = new CliApp(output, error, console: null,
            backendFactory: backend is null ? null : () => backend,
            environment: name => environment is not null && environment.TryGetValue(name, out var v) ? v : null);
        int code = app.Run(args, cancellationToken);
        return (code, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary folder deleted at the end of the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "asyncfl-cli-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name, string content)
    {
        string p = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(p, content);
        return p;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Small configs for tests.</summary>
internal static class Configs
{
    /// <summary>A tiny valid config: 6 clients, two strategies, 20 simulated seconds.</summary>
    public const string Tiny = """
    {
      "name": "tiny",
      "seed": 7,
      "fleet": { "tiers": [ { "tier": "flagship-phone", "count": 3 }, { "tier": "budget-phone", "count": 3 } ] },
      "objective": { "kind": "quadratic", "dimension": 10, "noise": 0.0 },
      "strategies": [
        { "name": "FedAvg (sync)", "aggregator": { "kind": "fedavg" }, "scheduler": { "kind": "sync-rounds", "clientsPerRound": 3 }, "learningRate": { "kind": "constant", "value": 0.5 } },
        { "name": "FedAsync", "aggregator": { "kind": "fedasync", "alpha": 0.6 }, "scheduler": { "kind": "async", "concurrency": 3 }, "staleness": { "kind": "polynomial", "a": 0.5 }, "learningRate": { "kind": "constant", "value": 0.5 } }
      ],
      "stop": { "maxSimulatedSeconds": 20, "targetLoss": 0.3 },
      "trace": { "intervalSeconds": 0.5 }
    }
    """;
}
