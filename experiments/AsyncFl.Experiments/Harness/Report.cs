using System.Globalization;
using System.Text;
using ScottPlot;

namespace AsyncFl.Experiments;

internal static class Report
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AsyncFl.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }

    /// <summary>Writes a log-y line plot of several curves.</summary>
    public static void Plot(string path, string title, string xLabel, string yLabel, IEnumerable<(string Label, IReadOnlyList<(double X, double Y)> Points)> series, double? hline = null)
    {
        var plot = new Plot();
        foreach (var (label, points) in series)
        {
            var pts = points.Where(p => p.Y > 0 && double.IsFinite(p.Y)).ToArray();
            if (pts.Length == 0)
            {
                continue;
            }

            var line = plot.Add.ScatterLine(pts.Select(p => p.X).ToArray(), pts.Select(p => Math.Log10(p.Y)).ToArray());
            line.LegendText = label;
            line.LineWidth = 2;
        }

        if (hline is double h)
        {
            var l = plot.Add.HorizontalLine(Math.Log10(h));
            l.LinePattern = LinePattern.Dashed;
            l.Color = Colors.Gray;
        }

        var ticks = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => $"1e{y:0}",
        };
        plot.Axes.Left.TickGenerator = ticks;
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 900, 560);
    }

    public static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var sb = new StringBuilder();
        sb.Append("| ").Append(string.Join(" | ", header)).AppendLine(" |");
        sb.Append('|').Append(string.Concat(header.Select(_ => "---|"))).AppendLine();
        foreach (var r in rows)
        {
            sb.Append("| ").Append(string.Join(" | ", r)).AppendLine(" |");
        }

        return sb.ToString();
    }

    public static string F(double v, string format = "0.##") => Sim.Fmt(v, format);

    public static string I(long v) => v.ToString(CultureInfo.InvariantCulture);
}
