using System.Text.Json;
using AsyncFl.Cli.Config;
using AsyncFl.Cli.Output;
using AsyncFl.Cli.Running;
using AsyncFl.Cli.Tests.Output;
using Xunit;

namespace AsyncFl.Cli.Tests;

public class CliAppTests
{
    [Fact]
    public void RunWritesEveryFileOfTheRunFolder()
    {
        using var dir = new TempDir();
        string config = dir.File("tiny.json", Configs.Tiny);
        string outDir = Path.Combine(dir.Path, "run");
        var (code, stdout, stderr) = AppRunner.Run(["run", "--config", config, "--out", outDir], new FakeBackend());
        Assert.True(code == 0, stderr);
        foreach (var f in RunFolder.Files)
        {
            Assert.True(File.Exists(Path.Combine(outDir, f)), f + " missing");
        }

        foreach (var png in Plots.Files)
        {
            PngAssert.IsPng(Path.Combine(outDir, png), Plots.Width, Plots.Height);
        }

        Assert.Contains("Report:", stdout, StringComparison.Ordinal);
        Assert.Contains("FedAsync", stdout, StringComparison.Ordinal);
        string report = File.ReadAllText(Path.Combine(outDir, "report.md"));
        foreach (var png in Plots.Files)
        {
            Assert.Contains("(" + png + ")", report, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CsvLastRowsAgreeWithTheSummary()
    {
        using var dir = new TempDir();
        string outDir = Path.Combine(dir.Path, "run");
        var (code, _, stderr) = AppRunner.Run(["run", "-c", dir.File("tiny.json", Configs.Tiny), "-o", outDir, "--quiet"], new FakeBackend());
        Assert.True(code == 0, stderr);
        var traces = MetricsCsv.Read(Path.Combine(outDir, "metrics.csv"));
        var summary = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(outDir, "summary.json")), SummaryJsonContext.Default.RunSummary)!;
        Assert.Equal(summary.Strategies.Select(s => s.Name), traces.Select(t => t.Strategy));
        for (int i = 0; i < traces.Count; i++)
        {
            var last = traces[i].Trace[^1];
            var s = summary.Strategies[i];
            Assert.Equal(s.SimulatedSeconds, last.SimulatedSeconds);
            Assert.Equal(s.FinalLoss, last.Loss);
            Assert.Equal(s.Version, last.Version);
            Assert.Equal(s.Applied, last.Applied);
            Assert.Equal(s.Rejected, last.Rejected);
        }

        // The fake's FedAvg decays at 0.05/s and FedAsync at 0.10/s: target 0.3 at ~24 s (not reached in 20 s) and ~12 s.
        Assert.Null(summary.Strategies[0].TimeToTarget);
        Assert.Equal(12.5, summary.Strategies[1].TimeToTarget);
        Assert.Equal("FedAvg (sync)", summary.Baseline);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public void ABadSeedGetsAPlainMessageBeforeAnythingRuns(string seed)
    {
        using var dir = new TempDir();
        string outDir = Path.Combine(dir.Path, "run");
        var (code, stdout, stderr) = AppRunner.Run(["run", "-c", dir.File("tiny.json", Configs.Tiny), "-o", outDir, "-q", "--seed", seed], new FakeBackend());
        Assert.NotEqual(0, code);
        string all = stdout + stderr;
        Assert.Contains($"--seed must be a whole number from {long.MinValue} to {long.MaxValue}; got '{seed}'.", all, StringComparison.Ordinal);
        Assert.DoesNotContain("System.Nullable", all, StringComparison.Ordinal);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void PresetNamesMatchIgnoringCaseAndAMisspellingGetsASuggestion()
    {
        var (code, stdout, stderr) = AppRunner.Run(["presets", "--show", " DEFAULT "], new FakeBackend());
        Assert.True(code == 0, stderr);
        Assert.Equal(AppRunner.Run(["presets", "--show", "default"], new FakeBackend()).Out, stdout);

        (code, _, stderr) = AppRunner.Run(["presets", "--show", "defualt"], new FakeBackend());
        Assert.NotEqual(0, code);
        Assert.Contains("there is no preset 'defualt' (did you mean 'default'?)", stderr, StringComparison.Ordinal);

        using var dir = new TempDir();
        (code, _, stderr) = AppRunner.Run(["run", "-p", "Defualt", "-o", Path.Combine(dir.Path, "run"), "-q"], new FakeBackend());
        Assert.NotEqual(0, code);
        Assert.Contains("(did you mean 'default'?)", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "run")));
    }

    [Fact]
    public void SeededRunIsRepeatable()
    {
        using var dir = new TempDir();
        string config = dir.File("tiny.json", Configs.Tiny);
        string a = Path.Combine(dir.Path, "a"), b = Path.Combine(dir.Path, "b"), c = Path.Combine(dir.Path, "c");
        Assert.Equal(0, AppRunner.Run(["run", "-c", config, "-o", a, "-q"], new FakeBackend()).Code);
        Assert.Equal(0, AppRunner.Run(["run", "-c", config, "-o", b, "-q"], new FakeBackend()).Code);
        Assert.Equal(0, AppRunner.Run(["run", "-c", config, "-o", c, "-q", "--seed", "8"], new FakeBackend()).Code);
        Assert.Equal(File.ReadAllText(Path.Combine(a, "summary.json")), File.ReadAllText(Path.Combine(b, "summary.json")));
        Assert.NotEqual(File.ReadAllText(Path.Combine(a, "summary.json")), File.ReadAllText(Path.Combine(c, "summary.json")));
        Assert.Contains("\"seed\": 8", File.ReadAllText(Path.Combine(c, "config.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidConfigGivesExitCode2AndEveryProblem()
    {
        using var dir = new TempDir();
        string json = Configs.Tiny
            .Replace("\"alpha\": 0.6", "\"alpha\": 1.5", StringComparison.Ordinal)
            .Replace("\"targetLoss\": 0.3", "\"targetLos\": 0.3", StringComparison.Ordinal);
        string config = dir.File("bad.json", json);
        foreach (var args in new[] { new[] { "validate", config }, ["run", "-c", config, "-o", Path.Combine(dir.Path, "r")] })
        {
            var (code, _, stderr) = AppRunner.Run(args, new FakeBackend());
            Assert.Equal(ExitCodes.InvalidInput, code);
            Assert.Contains("$.stop.targetLos: unknown key (did you mean 'targetLoss'?)", stderr, StringComparison.Ordinal);
        }

        // Once the unknown key is fixed, the value error shows.
        var fixedKey = dir.File("bad2.json", json.Replace("targetLos\"", "targetLoss\"", StringComparison.Ordinal));
        var r = AppRunner.Run(["validate", fixedKey], new FakeBackend());
        Assert.Equal(ExitCodes.InvalidInput, r.Code);
        Assert.Contains("$.strategies[1].aggregator.alpha: must be in (0, 1], got 1.5.", r.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "r")));
    }

    [Fact]
    public void ValidConfigValidates()
    {
        using var dir = new TempDir();
        var (code, stdout, _) = AppRunner.Run(["validate", dir.File("tiny.json", Configs.Tiny)], new FakeBackend());
        Assert.Equal(0, code);
        Assert.Contains("valid (2 strategies, 6 clients, seed 7)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void BadArgumentsGiveExitCode2()
    {
        Assert.Equal(ExitCodes.InvalidInput, AppRunner.Run(["run", "--bogus"], new FakeBackend()).Code);
        Assert.Equal(ExitCodes.InvalidInput, AppRunner.Run(["run", "--preset", "nope"], new FakeBackend()).Code);
        Assert.Equal(ExitCodes.InvalidInput, AppRunner.Run(["run", "--config", "/nonexistent/x.json"], new FakeBackend()).Code);
        var both = AppRunner.Run(["run", "--config", "a.json", "--preset", "default"], new FakeBackend());
        Assert.Equal(ExitCodes.InvalidInput, both.Code);
        Assert.Contains("not both", both.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFashionMnistGivesExitCode3AndTheInstallCommand()
    {
        using var empty = new TempDir();
        var env = new Dictionary<string, string> { [DataCheck.FashionMnistVariable] = empty.Path };
        var (code, _, stderr) = AppRunner.Run(["run", "--preset", "fashion-mnist", "-o", Path.Combine(empty.Path, "run")], new FakeBackend(), env);
        Assert.Equal(ExitCodes.MissingData, code);
        Assert.Contains("sudo apt-get install -y dataset-fashion-mnist", stderr, StringComparison.Ordinal);
        Assert.Contains(empty.Path, stderr, StringComparison.Ordinal);

        var viaOption = AppRunner.Run(["run", "--preset", "fashion-mnist", "--data-dir", empty.Path], new FakeBackend());
        Assert.Equal(ExitCodes.MissingData, viaOption.Code);
    }

    [Fact]
    public void PresetsAreListedAndValid()
    {
        var (code, stdout, _) = AppRunner.Run(["presets"], new FakeBackend());
        Assert.Equal(0, code);
        Assert.Contains("default", stdout, StringComparison.Ordinal);
        Assert.Contains("fashion-mnist", stdout, StringComparison.Ordinal);
        foreach (var name in AsyncFl.Cli.Presets.PresetCatalog.Names)
        {
            var r = ConfigLoader.Load(AsyncFl.Cli.Presets.PresetCatalog.Get(name)!);
            Assert.True(r.IsValid, name + ": " + string.Join("; ", r.Errors));
        }

        var show = AppRunner.Run(["presets", "--show", "default"], new FakeBackend());
        Assert.Equal(0, show.Code);
        Assert.True(ConfigLoader.Load(show.Out).IsValid);
    }

    [Fact]
    public void InterruptedRunWritesWhatItHasAndExits130()
    {
        using var dir = new TempDir();
        using var cts = new CancellationTokenSource();
        string outDir = Path.Combine(dir.Path, "run");
        var backend = new FakeBackend { CancelAfterStrategy = 0, Cancel = cts };
        var (code, _, stderr) = AppRunner.Run(["run", "-c", dir.File("tiny.json", Configs.Tiny), "-o", outDir, "-q"], backend, cancellationToken: cts.Token);
        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.Contains("Interrupted", stderr, StringComparison.Ordinal);
        var summary = JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(outDir, "summary.json")), SummaryJsonContext.Default.RunSummary)!;
        Assert.True(summary.Interrupted);
        Assert.Equal("interrupted", Assert.Single(summary.Strategies).StopReason);
        Assert.True(File.Exists(Path.Combine(outDir, "report.md")));
    }

    [Fact]
    public void ReportReRendersFromTheRunFolder()
    {
        using var dir = new TempDir();
        string outDir = Path.Combine(dir.Path, "run");
        Assert.Equal(0, AppRunner.Run(["run", "-c", dir.File("tiny.json", Configs.Tiny), "-o", outDir, "-q"], new FakeBackend()).Code);
        string before = File.ReadAllText(Path.Combine(outDir, "report.md"));
        foreach (var f in Plots.Files.Append("report.md"))
        {
            File.Delete(Path.Combine(outDir, f));
        }

        var (code, _, stderr) = AppRunner.Run(["report", outDir]);
        Assert.True(code == 0, stderr);
        Assert.Equal(before, File.ReadAllText(Path.Combine(outDir, "report.md")));
        foreach (var png in Plots.Files)
        {
            PngAssert.IsPng(Path.Combine(outDir, png), Plots.Width, Plots.Height);
        }

        Assert.Equal(ExitCodes.InvalidInput, AppRunner.Run(["report", dir.Path]).Code);
    }
}
