using System.Text.Json;
using AsyncFl.Cli.Config;
using AsyncFl.Cli.Output;
using AsyncFl.Cli.Running;
using AsyncFl.Cli.Tests.Output;
using Xunit;

namespace AsyncFl.Cli.Tests.Running;

/// <summary>End-to-end runs on the library's engine and virtual clock (tiny configs, well under a second each).</summary>
public class SimulationBackendTests
{
    [Fact]
    public void RealRunWritesAConsistentRunFolder()
    {
        using var dir = new TempDir();
        string outDir = Path.Combine(dir.Path, "run");
        var (code, stdout, stderr) = AppRunner.Run(["run", "-c", dir.File("tiny.json", Configs.Tiny), "-o", outDir]);
        Assert.True(code == 0, stderr);
        Assert.Contains("FedAsync", stdout, StringComparison.Ordinal);
        foreach (var f in RunFolder.Files)
        {
            Assert.True(File.Exists(Path.Combine(outDir, f)), f + " missing");
        }

        foreach (var png in Plots.Files)
        {
            PngAssert.IsPng(Path.Combine(outDir, png), Plots.Width, Plots.Height);
        }

        var summary = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(outDir, "summary.json")), SummaryJsonContext.Default.RunSummary)!;
        var traces = MetricsCsv.Read(Path.Combine(outDir, "metrics.csv"));
        Assert.Equal(2, summary.Strategies.Count);
        for (int i = 0; i < 2; i++)
        {
            var s = summary.Strategies[i];
            var last = traces[i].Trace[^1];
            Assert.Equal(s.SimulatedSeconds, last.SimulatedSeconds);
            Assert.Equal(s.FinalLoss, last.Loss);
            Assert.Equal(s.Version, last.Version);
            Assert.True(s.Version > 0, s.Name + " made no server step");
            Assert.Equal(6, s.Participation.Length);
            Assert.True(s.Latency.P50 <= s.Latency.P90 && s.Latency.P90 <= s.Latency.P99);
            Assert.Equal(101, s.Latency.Percentiles.Length);

            // The loss falls from its initial value.
            Assert.True(last.Loss < traces[i].Trace[0].Loss, s.Name + " did not reduce the loss");
            if (s.TimeToTarget is { } t)
            {
                Assert.Equal("targetReached", s.StopReason);
                Assert.True(last.Loss <= summary.TargetLoss);
                Assert.Equal(t, s.SimulatedSeconds);
            }
        }
    }

    [Fact]
    public void RealSeededRunIsRepeatable()
    {
        using var dir = new TempDir();
        string config = dir.File("tiny.json", Configs.Tiny);
        string a = Path.Combine(dir.Path, "a"), b = Path.Combine(dir.Path, "b");
        Assert.Equal(0, AppRunner.Run(["run", "-c", config, "-o", a, "-q"]).Code);
        Assert.Equal(0, AppRunner.Run(["run", "-c", config, "-o", b, "-q"]).Code);
        Assert.Equal(File.ReadAllText(Path.Combine(a, "summary.json")), File.ReadAllText(Path.Combine(b, "summary.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(a, "metrics.csv")), File.ReadAllText(Path.Combine(b, "metrics.csv")));
    }

    [Fact]
    public void StrategiesTheAppCannotRunYetAreConfigErrors()
    {
        var config = ConfigLoader.Load(Configs.Tiny.Replace("\"kind\": \"sync-rounds\", \"clientsPerRound\": 3", "\"kind\": \"async\"", StringComparison.Ordinal)).Config!;
        config.Strategies![1].Aggregator!.Kind = "afl";
        config.Strategies[1].Aggregator!.Alpha = null;
        var errors = new SimulationBackend().Check(config);
        Assert.Contains(errors, e => e.Path == "$.strategies[0].scheduler.kind" && e.Message.Contains("'sync-rounds'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "$.strategies[1].aggregator.kind");
    }

    [Fact]
    public void EveryPresetWithoutRealDataPassesTheBackendCheck()
    {
        foreach (var name in AsyncFl.Cli.Presets.PresetCatalog.Names)
        {
            var config = ConfigLoader.Load(AsyncFl.Cli.Presets.PresetCatalog.Get(name)!).Config!;
            if (config.Model is null)
            {
                Assert.Empty(new SimulationBackend().Check(config));
            }
        }
    }

    [Fact]
    public void TieredFashionMnistPresetIsAFairTenfoldSpreadComparison()
    {
        var config = ConfigLoader.Load(AsyncFl.Cli.Presets.PresetCatalog.Get("fashion-mnist-tiers")!).Config!;
        Assert.Empty(new SimulationBackend().Check(config));
        Assert.Equal("steps", config.Model!.LocalUnit);

        // 6 fast / 2 medium / 2 slow clients; with 50 steps per task: 1 s, 3 s and 10 s per task (10x spread).
        var tiers = config.Fleet!.Tiers!;
        Assert.Equal([6, 2, 2], tiers.Select(t => t.Count));
        int steps = config.Strategies![0].LocalSteps;
        Assert.Equal(50, steps);
        Assert.Equal([1.0, 3.0, 10.0], tiers.Select(t => Math.Round(t.ComputeSeconds!.Value * steps, 9)));

        // Same local work and client learning rate for every strategy; the synchronous baseline waits for all 10.
        Assert.All(config.Strategies, s => Assert.Equal(steps, s.LocalSteps));
        Assert.All(config.Strategies, s => Assert.Equal(0.05, s.LearningRate!.Value));
        Assert.Equal(10, config.Strategies[0].Scheduler!.ClientsPerRound);
        Assert.Equal(2, config.Clock!.Workers);

        // The CNN with headroom above 88 %, and the three strategies of docs/experiments/fashion-mnist.md.
        Assert.Equal([16, 32], config.Model.Channels!);
        Assert.Equal(["fedavg", "fedbuff", "ca2fl"], config.Strategies.Select(s => s.Aggregator!.Kind));
        Assert.Equal(300.0, config.Stop!.MaxSimulatedSeconds);
    }

    [Fact]
    public void UnreadableFashionMnistFilesGiveExitCode3AndSayWhatToDo()
    {
        using var data = new TempDir();
        foreach (var f in DataCheck.FashionMnistFiles)
        {
            data.File(f, "x");
        }

        var (code, _, stderr) = AppRunner.Run(["run", "--preset", "fashion-mnist", "--data-dir", data.Path, "-o", Path.Combine(data.Path, "run"), "-q"]);
        Assert.Equal(ExitCodes.MissingData, code);
        Assert.Contains("cannot read Fashion-MNIST", stderr, StringComparison.Ordinal);
        Assert.Contains(DataCheck.InstallCommand, stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(data.Path, "run")));
    }

    [Fact]
    public void RealModelsRejectGradientStrategiesAndTargetLoss()
    {
        var config = ConfigLoader.Load(AsyncFl.Cli.Presets.PresetCatalog.Get("fashion-mnist")!).Config!;
        config.Strategies![1].Aggregator = new AggregatorConfig { Kind = "sgd" };
        config.Strategies[1].Scheduler = new SchedulerConfig { Kind = "ringmaster" };
        config.Strategies[1].Staleness = null;
        config.Stop!.TargetLoss = 0.3;
        config.Model!.Device = "cuda";
        var errors = new SimulationBackend().Check(config);
        Assert.Contains(errors, e => e.Path == "$.strategies[1].aggregator.kind" && e.Message.Contains("deltas", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "$.stop.targetLoss");
        Assert.Contains(errors, e => e.Path == "$.model.device");
        Assert.Equal(3, errors.Count);
    }

    // One end-to-end run per scheduler wired with the fleet-derived options (6 clients: 3 flagship + 3 budget phones).
    // mindflayer: timeLimitSeconds 1000 ≫ every task, so p_i = 1, and S = 1 gives B_i = ⌊1000/1000⌋ = 1 for all six: Σp·B = 6.
    // auto: the tiers' dropout probabilities average (0.05 + 0.15)/2 = 0.10 ≥ 0.05, so the rule picks Ringmaster B, R = ⌈S⌉ = 1.
    [Theory]
    [InlineData("mindflayer", "\"timeLimitSeconds\": 1000", "MindFlayer(ΣpB=6)")]
    [InlineData("ata", "\"batchSize\": 3", "ATA-Empirical(B=3)")]
    [InlineData("auto", "\"batchSize\": 1", "RingmasterB(R=1)")]
    [InlineData("shadowheart", "\"randK\": 5", "Shadowheart(S=1, RandK(K=5))")]
    public void FleetDerivedSchedulersRun(string kind, string options, string scheduler)
    {
        using var dir = new TempDir();
        string outDir = Path.Combine(dir.Path, "run");
        string config = Configs.Tiny
            .Replace("{ \"kind\": \"fedavg\" }", "{ \"kind\": \"sgd\" }", StringComparison.Ordinal)
            .Replace("{ \"kind\": \"sync-rounds\", \"clientsPerRound\": 3 }", "{ \"kind\": \"" + kind + "\", " + options + " }", StringComparison.Ordinal);
        var (code, _, stderr) = AppRunner.Run(["run", "-c", dir.File("tiny.json", config), "-o", outDir, "-q"]);
        Assert.True(code == 0, stderr);
        var summary = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(outDir, "summary.json")), SummaryJsonContext.Default.RunSummary)!;
        var s = summary.Strategies[0];
        Assert.StartsWith(scheduler + " + SGD", s.Description, StringComparison.Ordinal);
        Assert.True(s.Version > 0, kind + " made no server step");
        var trace = MetricsCsv.Read(Path.Combine(outDir, "metrics.csv"))[0].Trace;
        Assert.True(trace[^1].Loss < trace[0].Loss, kind + " did not reduce the loss");
    }
}
