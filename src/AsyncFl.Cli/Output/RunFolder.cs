using System.Text.Json;
using AsyncFl.Cli.Config;
using AsyncFl.Cli.Running;

namespace AsyncFl.Cli.Output;

/// <summary>Writes and re-renders a run folder.</summary>
internal static class RunFolder
{
    /// <summary>The files every finished run folder holds.</summary>
    public static readonly string[] Files = ["config.json", "metrics.csv", "summary.json", "report.md", .. Plots.Files];

    /// <summary>Writes config.json, metrics.csv, summary.json, the plots and report.md.</summary>
    public static RunSummary Write(string directory, ExperimentConfig config, IReadOnlyList<StrategyResult> results, bool interrupted)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "config.json"), ConfigLoader.Serialize(config) + "\n");
        MetricsCsv.Write(Path.Combine(directory, "metrics.csv"), results);
        var summary = SummaryBuilder.Build(config, results, interrupted, Plots.Width, Plots.Height);
        File.WriteAllText(Path.Combine(directory, "summary.json"), JsonSerializer.Serialize(summary, SummaryJsonContext.Default.RunSummary) + "\n");
        Plots.WriteAll(directory, summary, results.Select(r => (r.Name, r.Trace.ToList())).ToList());
        ReportWriter.Write(Path.Combine(directory, "report.md"), summary, config.Description);
        return summary;
    }

    /// <summary>Re-renders the plots and report.md of a finished run folder from its metrics.csv and summary.json.</summary>
    /// <exception cref="RunBlockedException">A file is missing or unreadable.</exception>
    public static RunSummary Rerender(string directory)
    {
        string summaryPath = Path.Combine(directory, "summary.json");
        string csvPath = Path.Combine(directory, "metrics.csv");
        foreach (var p in new[] { summaryPath, csvPath })
        {
            if (!File.Exists(p))
            {
                throw new RunBlockedException($"'{p}' does not exist. Give the folder of a finished run (it holds summary.json and metrics.csv), e.g. 'asyncfl report runs/default-…'.")
                { ExitCode = ExitCodes.InvalidInput };
            }
        }

        RunSummary summary;
        List<(string, List<TracePoint>)> traces;
        try
        {
            summary = JsonSerializer.Deserialize(File.ReadAllText(summaryPath), SummaryJsonContext.Default.RunSummary)
                ?? throw new JsonException("summary.json is null.");
            traces = MetricsCsv.Read(csvPath);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or OverflowException)
        {
            throw new RunBlockedException($"Cannot read the run folder '{directory}': {ex.Message} Re-run the experiment to regenerate it.", ex)
            { ExitCode = ExitCodes.InvalidInput };
        }

        string? description = null;
        string configPath = Path.Combine(directory, "config.json");
        if (File.Exists(configPath))
        {
            description = ConfigLoader.Load(File.ReadAllText(configPath)).Config?.Description;
        }

        Plots.WriteAll(directory, summary, traces);
        ReportWriter.Write(Path.Combine(directory, "report.md"), summary, description);
        return summary;
    }
}
