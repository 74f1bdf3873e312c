using System.Globalization;
using System.Text;
using AsyncFl.Cli.Config;

namespace AsyncFl.Cli.Output;

/// <summary>report.md: the headline numbers and the plots.</summary>
internal static class ReportWriter
{
    /// <summary>Writes report.md.</summary>
    public static void Write(string path, RunSummary summary, string? description) =>
        File.WriteAllText(path, Render(summary, description), new UTF8Encoding(false));

    /// <summary>The report's Markdown.</summary>
    public static string Render(RunSummary s, string? description)
    {
        var b = new StringBuilder();
        b.Append("# AsyncFl run: ").Append(s.Name).Append("\n\n");
        if (!string.IsNullOrWhiteSpace(description))
        {
            b.Append(description.Trim()).Append("\n\n");
        }

        b.Append(Fmt.I($"Seed {s.Seed}. "));
        if (s.TargetLoss is { } tl)
        {
            b.Append("Target: loss ≤ ").Append(G(tl)).Append(". ");
        }

        if (s.TargetAccuracy is { } ta)
        {
            b.Append("Target: accuracy ≥ ").Append(G(ta)).Append(". ");
        }

        b.Append(s.Baseline is null ? "No synchronous baseline in this run, so no speed-ups." : $"Speed-ups are relative to **{s.Baseline}**.");
        b.Append("\n\n");
        if (s.Interrupted)
        {
            b.Append("> **Interrupted with Ctrl+C**: the numbers below cover only what ran.\n\n");
        }

        b.Append("## Headline numbers\n\n");
        b.Append("| strategy | time to target (s) | speed-up | final loss | simulated s | steps | accepted | rejected | dropped | staleness mean | latency P50 / P90 / P99 (s) | stopped by |\n");
        b.Append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        foreach (var st in s.Strategies)
        {
            b.Append("| ").Append(st.Name.Replace("|", "\\|", StringComparison.Ordinal))
                .Append(" | ").Append(st.TimeToTarget is { } t ? G(t) : "not reached")
                .Append(" | ").Append(st.SpeedupOverBaseline is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–")
                .Append(" | ").Append(st.FinalAccuracy is { } acc ? G(st.FinalLoss ?? double.NaN) + " (acc " + G(acc) + ")" : st.FinalLoss is { } l ? G(l) : "–")
                .Append(" | ").Append(G(st.SimulatedSeconds))
                .Append(" | ").Append(N(st.Version))
                .Append(" | ").Append(N(st.Applied + st.Buffered))
                .Append(" | ").Append(N(st.Rejected))
                .Append(" | ").Append(N(st.Dropped))
                .Append(" | ").Append(st.StalenessMean is { } sm ? sm.ToString("0.00", CultureInfo.InvariantCulture) : "–")
                .Append(" | ").Append(st.Latency.P50 is null ? "–" : G(st.Latency.P50.Value) + " / " + G(st.Latency.P90!.Value) + " / " + G(st.Latency.P99!.Value))
                .Append(" | ").Append(st.StopReason)
                .Append(" |\n");
        }

        b.Append("\nTime to target is the simulated time of the first trace row at which the ")
            .Append(s.TargetAccuracy is not null ? "test accuracy" : "loss")
            .Append(" reached the target. Accepted = applied + buffered updates. ")
            .Append("Speed-up = the baseline's time to target ÷ the strategy's. Latency is a task's dispatch-to-arrival time ")
            .Append("(download + compute + upload); percentiles are exact (nearest rank).\n\n");

        b.Append("## Strategies\n\n");
        foreach (var st in s.Strategies)
        {
            b.Append("- **").Append(st.Name).Append("**: ").Append(st.Description.Length == 0 ? "–" : st.Description).Append('\n');
        }

        b.Append("\n## Plots\n\n");
        b.Append(Fmt.I($"Each plot is a {s.PlotWidth}×{s.PlotHeight} PNG.\n\n"));
        b.Append("### Loss against simulated time\n\n![loss vs simulated time](loss.png)\n\n");
        b.Append("### Staleness histogram\n\n![staleness histogram](staleness.png)\n\n");
        b.Append("### Client participation\n\n![client participation](participation.png)\n\n");
        b.Append("### Client latency CDF\n\n![client latency CDF](latency-cdf.png)\n\n");
        b.Append("## Files\n\n`config.json` (the config used), `metrics.csv` (one row per trace point per strategy), ")
            .Append("`summary.json` (these numbers). Re-render this report with `asyncfl report <this folder>`.\n");
        return b.ToString();
    }

    private static string G(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    private static string N(long x) => x.ToString(CultureInfo.InvariantCulture);
}
