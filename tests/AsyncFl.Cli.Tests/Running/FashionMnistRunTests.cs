using System.Text.Json;
using AsyncFl.Cli.Config;
using AsyncFl.Cli.Output;
using AsyncFl.Cli.Tests.Output;
using Xunit;

namespace AsyncFl.Cli.Tests.Running;

/// <summary>The real-data path of the app end to end: a tiny Fashion-MNIST config (300 training images over 3 clients,
/// an MLP, 500 test images, a few simulated seconds) on the engine and virtual clock, through the run folder.</summary>
public class FashionMnistRunTests
{
    /// <summary>3 clients with 1, 2 and 3 simulated seconds per local epoch, 100 images each (Dirichlet α = 0.5), the
    /// fashion-mnist preset's strategies cut to FedBuff and AFL.</summary>
    private const string TinyFashion = """
    {
      "name": "tiny-fashion",
      "seed": 11,
      "fleet": { "tiers": [
        { "tier": "custom", "count": 1, "computeSeconds": 1 },
        { "tier": "custom", "count": 1, "computeSeconds": 2 },
        { "tier": "custom", "count": 1, "computeSeconds": 3 } ] },
      "data": { "dataset": "fashion-mnist", "partition": "dirichlet", "alpha": 0.5, "samplesPerClient": 100, "testSamples": 500 },
      "model": { "kind": "mlp", "hidden": 32, "batchSize": 32, "optimizer": "sgd", "momentum": 0.9 },
      "strategies": [
        { "name": "FedBuff", "aggregator": { "kind": "fedbuff", "bufferSize": 2 }, "scheduler": { "kind": "async" }, "localSteps": 1, "learningRate": { "kind": "constant", "value": 0.02 } },
        { "name": "AFL", "aggregator": { "kind": "afl", "bufferSize": 2 }, "scheduler": { "kind": "async" }, "localSteps": 1, "learningRate": { "kind": "constant", "value": 0.02 } }
      ],
      "stop": { "maxSimulatedSeconds": 30, "targetAccuracy": 0.4, "continueAfterTarget": true },
      "trace": { "intervalSeconds": 2 }
    }
    """;

    [FactRequiresFashionMnist]
    public void TinyFashionMnistRunWritesTheRunFolderAndLearns()
    {
        using var dir = new TempDir();
        string outDir = Path.Combine(dir.Path, "run");
        var (code, _, stderr) = AppRunner.Run(["run", "-c", dir.File("tiny.json", TinyFashion), "-o", outDir, "-q"]);
        Assert.True(code == 0, stderr);
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
            var trace = traces[i].Trace;

            // Trace rows every 2 simulated seconds from 0 to the 30 s budget (plus the final state at 30 s when it
            // differs from the boundary row), accuracy on the 500 test images.
            Assert.Equal(Enumerable.Range(0, 16).Select(k => 2.0 * k), trace.Select(p => p.SimulatedSeconds).Distinct());
            Assert.Equal(30, s.SimulatedSeconds);
            Assert.Equal("maxSimulatedTime", s.StopReason);
            Assert.Equal(s.FinalAccuracy, trace[^1].Accuracy);
            Assert.InRange(trace[0].Accuracy, 0.0, 0.3); // the untrained MLP: about chance (10 %)
            // Well above chance: the best trace row above 40 %, the final one above 30 % (AFL oscillates on 300 images).
            Assert.True(trace.Max(p => p.Accuracy) > 0.4, Fmt.I($"{s.Name}: best accuracy {trace.Max(p => p.Accuracy)}"));
            Assert.True(trace[^1].Accuracy > 0.3, Fmt.I($"{s.Name}: final accuracy {trace[^1].Accuracy}"));
            Assert.True(trace[^1].Loss < trace[0].Loss, s.Name + " did not reduce the test loss");

            // Time to target = the first trace row at or above 40 %.
            var first = trace.First(p => p.Accuracy >= 0.4);
            Assert.Equal(first.SimulatedSeconds, s.TimeToTarget);

            // 3 clients, always busy: client 0 (1 s per epoch) contributes most, client 2 (3 s) least.
            Assert.Equal(3, s.Participation.Length);
            Assert.True(s.Participation[0] > s.Participation[2], string.Join(",", s.Participation));
            Assert.Equal(s.Applied + s.Buffered, s.StalenessHistogram.Sum());
            Assert.Contains("MLP 784→32→10", s.Description, StringComparison.Ordinal);
        }
    }

    [FactRequiresFashionMnist]
    public void TinyFashionMnistRunIsRepeatable()
    {
        using var dir = new TempDir();
        string config = dir.File("tiny.json", TinyFashion.Replace("\"maxSimulatedSeconds\": 30", "\"maxSimulatedSeconds\": 12", StringComparison.Ordinal));
        string a = Path.Combine(dir.Path, "a"), b = Path.Combine(dir.Path, "b");
        Assert.Equal(0, AppRunner.Run(["run", "-c", config, "-o", a, "-q"]).Code);
        Assert.Equal(0, AppRunner.Run(["run", "-c", config, "-o", b, "-q"]).Code);
        Assert.Equal(File.ReadAllText(Path.Combine(a, "summary.json")), File.ReadAllText(Path.Combine(b, "summary.json")));
        Assert.Equal(File.ReadAllText(Path.Combine(a, "metrics.csv")), File.ReadAllText(Path.Combine(b, "metrics.csv")));
    }
    [FactRequiresFashionMnist]
    public void TheSmallCnnInStepsModeGivesTheSameRunWithOneOrTwoComputeWorkers()
    {
        // clock.workers trains clients in flight in parallel but applies results in simulated-time order: same run.
        string tiny = TinyFashion
            .Replace("\"maxSimulatedSeconds\": 30", "\"maxSimulatedSeconds\": 8", StringComparison.Ordinal)
            .Replace("\"kind\": \"mlp\", \"hidden\": 32,", "\"kind\": \"cnn-small\", \"localUnit\": \"steps\",", StringComparison.Ordinal)
            .Replace("\"localSteps\": 1", "\"localSteps\": 3", StringComparison.Ordinal);
        using var dir = new TempDir();
        string one = dir.File("one.json", tiny.Replace("\"trace\":", "\"clock\": { \"kind\": \"virtual\", \"workers\": 1 }, \"trace\":", StringComparison.Ordinal));
        string two = dir.File("two.json", tiny.Replace("\"trace\":", "\"clock\": { \"kind\": \"virtual\", \"workers\": 2 }, \"trace\":", StringComparison.Ordinal));
        string a = Path.Combine(dir.Path, "a"), b = Path.Combine(dir.Path, "b");
        var ra = AppRunner.Run(["run", "-c", one, "-o", a, "-q"]);
        Assert.True(ra.Code == 0, ra.Err);
        Assert.Equal(0, AppRunner.Run(["run", "-c", two, "-o", b, "-q"]).Code);
        Assert.Equal(File.ReadAllText(Path.Combine(a, "metrics.csv")), File.ReadAllText(Path.Combine(b, "metrics.csv")));
        var summary = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(a, "summary.json")), SummaryJsonContext.Default.RunSummary)!;
        Assert.Contains("CNN conv5×5·8", summary.Strategies[0].Description, StringComparison.Ordinal);
        Assert.Contains("local steps 3", summary.Strategies[0].Description, StringComparison.Ordinal);
        Assert.True(summary.Strategies[0].Applied + summary.Strategies[0].Buffered > 0);
    }

    [Fact]
    public void AnUnknownLocalUnitIsAConfigError()
    {
        var r = ConfigLoader.Load(TinyFashion.Replace("\"optimizer\": \"sgd\"", "\"localUnit\": \"minutes\", \"optimizer\": \"sgd\"", StringComparison.Ordinal));
        Assert.Contains(r.Errors, e => e.Path == "$.model.localUnit");
        Assert.Empty(ConfigLoader.Load(TinyFashion.Replace("\"kind\": \"mlp\", \"hidden\": 32,", "\"kind\": \"cnn-small\", \"localUnit\": \"steps\",", StringComparison.Ordinal)).Errors);
    }

    [FactRequiresFashionMnist]
    public void Ca2FlWithAWiderSmallCnnRunsAndLearns()
    {
        string tiny = TinyFashion
            .Replace("\"kind\": \"mlp\", \"hidden\": 32,", "\"kind\": \"cnn-small\", \"channels\": [4, 12], \"localUnit\": \"steps\",", StringComparison.Ordinal)
            .Replace("\"kind\": \"fedbuff\", \"bufferSize\": 2", "\"kind\": \"ca2fl\", \"bufferSize\": 2, \"maxCacheAge\": 20", StringComparison.Ordinal)
            .Replace("\"name\": \"FedBuff\"", "\"name\": \"CA2FL\"", StringComparison.Ordinal)
            .Replace("\"localSteps\": 1", "\"localSteps\": 3", StringComparison.Ordinal)
            .Replace("\"value\": 0.02", "\"value\": 0.05", StringComparison.Ordinal)
            .Replace("\"maxSimulatedSeconds\": 30", "\"maxSimulatedSeconds\": 60", StringComparison.Ordinal);
        using var dir = new TempDir();
        string outDir = Path.Combine(dir.Path, "run");
        var r = AppRunner.Run(["run", "-c", dir.File("ca2fl.json", tiny), "-o", outDir, "-q"]);
        Assert.True(r.Code == 0, r.Err);
        var summary = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(outDir, "summary.json")), SummaryJsonContext.Default.RunSummary)!;
        var s = summary.Strategies[0];
        Assert.Equal("CA2FL", s.Name);
        Assert.Contains("CNN conv5×5·4 → pool → conv5×5·12", s.Description, StringComparison.Ordinal);
        Assert.Contains(Fmt.I($"({(((1 * 25) + 1) * 4) + (((4 * 25) + 1) * 12) + (((16 * 12) + 1) * 10)} parameters)"), s.Description, StringComparison.Ordinal);
        Assert.Contains("CA2FL", s.Description, StringComparison.Ordinal);
        var trace = MetricsCsv.Read(Path.Combine(outDir, "metrics.csv"))[0].Trace;
        Assert.InRange(trace[0].Accuracy, 0.0, 0.3); // untrained: about chance
        Assert.True(trace.Max(p => p.Accuracy) > 0.4, Fmt.I($"best accuracy {trace.Max(p => p.Accuracy)}"));
        Assert.True(trace[^1].Accuracy > 0.3, Fmt.I($"final accuracy {trace[^1].Accuracy}"));
        Assert.True(s.Applied + s.Buffered > 10);
    }

    [Theory]
    [InlineData("\"kind\": \"ca2fl\", \"bufferSize\": 2, \"maxCacheAge\": -1", "$.strategies[0].aggregator.maxCacheAge", "must be at least 0")]
    [InlineData("\"kind\": \"fedbuff\", \"bufferSize\": 2, \"maxCacheAge\": 5", "$.strategies[0].aggregator.maxCacheAge", "does not apply to kind 'fedbuff'")]
    public void MaxCacheAgeIsCheckedAndOnlyForCa2Fl(string aggregator, string path, string message)
    {
        var r = ConfigLoader.Load(TinyFashion.Replace("\"kind\": \"fedbuff\", \"bufferSize\": 2", aggregator, StringComparison.Ordinal));
        Assert.Contains(r.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"kind\": \"mlp\", \"channels\": [4, 8],", "$.model.channels")]
    [InlineData("\"kind\": \"cnn-small\", \"channels\": [4, 8, 16],", "$.model.channels")]
    [InlineData("\"kind\": \"cnn-small\", \"channels\": [0, 8],", "$.model.channels[0]")]
    [InlineData("\"kind\": \"cnn-small\", \"channels\": [4, 100000],", "$.model.channels[1]")]
    public void BadChannelsAreConfigErrors(string model, string path)
    {
        var r = ConfigLoader.Load(TinyFashion.Replace("\"kind\": \"mlp\", \"hidden\": 32,", model, StringComparison.Ordinal));
        Assert.Contains(r.Errors, e => e.Path == path);
    }
}
