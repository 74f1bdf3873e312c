using AsyncFl.Cli.Config;
using AsyncFl.Cli.Running;
using ScottPlot;

namespace AsyncFl.Cli.Output;

/// <summary>The PNG plots of a run, drawn with ScottPlot.</summary>
internal static class Plots
{
    /// <summary>Width of every plot in pixels.</summary>
    public const int Width = 900;

    /// <summary>Height of every plot in pixels.</summary>
    public const int Height = 540;

    /// <summary>File names of the plots, in report order.</summary>
    public static readonly string[] Files = ["loss.png", "staleness.png", "participation.png", "latency-cdf.png"];

    /// <summary>Draws every plot into <paramref name="directory"/>.</summary>
    public static void WriteAll(string directory, RunSummary summary, IReadOnlyList<(string Strategy, List<TracePoint> Trace)> traces)
    {
        Loss(Path.Combine(directory, Files[0]), summary, traces);
        Staleness(Path.Combine(directory, Files[1]), summary);
        Participation(Path.Combine(directory, Files[2]), summary);
        LatencyCdf(Path.Combine(directory, Files[3]), summary);
    }

    private static void Loss(string path, RunSummary summary, IReadOnlyList<(string Strategy, List<TracePoint> Trace)> traces)
    {
        using var plot = new Plot();
        bool accuracy = summary.TargetAccuracy is not null && traces.Any(t => t.Trace.Any(p => double.IsFinite(p.Accuracy)));
        bool log = !accuracy && traces.All(t => t.Trace.All(p => !double.IsFinite(p.Loss) || p.Loss > 0));
        int i = 0;
        foreach (var (name, trace) in traces)
        {
            var points = trace.Where(p => double.IsFinite(accuracy ? p.Accuracy : p.Loss)).ToList();
            if (points.Count == 0)
            {
                i++;
                continue;
            }

            double[] xs = points.Select(p => p.SimulatedSeconds).ToArray();
            double[] ys = points.Select(p => accuracy ? p.Accuracy : log ? Math.Log10(p.Loss) : p.Loss).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, Palette(i++));
            line.LegendText = name;
            line.LineWidth = 2;
        }

        double? target = accuracy ? summary.TargetAccuracy : summary.TargetLoss;
        if (target is { } t && (!log || t > 0))
        {
            var h = plot.Add.HorizontalLine(log ? Math.Log10(t) : t);
            h.LinePattern = LinePattern.Dashed;
            h.Color = Colors.Gray;
            h.LegendText = "target";
        }

        if (log)
        {
            var ticks = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = y => Math.Pow(10, y).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
            };
            plot.Axes.Left.TickGenerator = ticks;
        }

        string title = (accuracy ? "Test accuracy" : "Loss") + " vs simulated time";
        if (accuracy && target is { } goal)
        {
            // The interesting part of an accuracy run is the approach to the target: show the 10 points below it
            // (the whole trace is in metrics.csv).
            double top = traces.SelectMany(t => t.Trace).Where(p => double.IsFinite(p.Accuracy)).Select(p => p.Accuracy).DefaultIfEmpty(goal).Max();
            double bottom = Math.Max(0, goal - 0.1);
            plot.Axes.SetLimitsY(bottom, Math.Min(1, Math.Max(top, goal) + 0.01));
            title += Fmt.I($" (accuracy ≥ {bottom:0.00} shown)");
        }

        plot.Title(title);
        plot.XLabel("simulated time (s)");
        plot.YLabel(accuracy ? "accuracy" : log ? "loss (log scale)" : "loss");
        plot.ShowLegend(accuracy ? Alignment.LowerRight : Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }

    private static void Staleness(string path, RunSummary summary)
    {
        using var plot = new Plot();
        int n = summary.Strategies.Count;
        double width = 0.8 / Math.Max(1, n);
        for (int s = 0; s < n; s++)
        {
            var st = summary.Strategies[s];
            long total = st.StalenessHistogram.Sum();
            if (total == 0)
            {
                continue;
            }

            var bars = new List<Bar>();
            var color = Palette(s);
            for (int k = 0; k < st.StalenessHistogram.Length; k++)
            {
                if (st.StalenessHistogram[k] == 0)
                {
                    continue;
                }

                bars.Add(new Bar
                {
                    Position = k - 0.4 + (width * (s + 0.5)),
                    Value = st.StalenessHistogram[k] / (double)total,
                    Size = width,
                    FillColor = color,
                    LineWidth = 0,
                });
            }

            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = st.Name;
        }

        plot.Title("Staleness of accepted updates (last bar: that value or more)");
        plot.XLabel("staleness (server versions)");
        plot.YLabel("fraction of accepted updates");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }

    private static void Participation(string path, RunSummary summary)
    {
        using var plot = new Plot();
        for (int s = 0; s < summary.Strategies.Count; s++)
        {
            var st = summary.Strategies[s];
            if (st.Participation.Length == 0)
            {
                continue;
            }

            double[] xs = Enumerable.Range(0, st.Participation.Length).Select(i => (double)i).ToArray();
            double[] ys = st.Participation.Select(v => (double)v).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, Palette(s));
            line.ConnectStyle = ConnectStyle.StepHorizontal;
            line.LegendText = st.Name;
            line.LineWidth = 2;
        }

        plot.Title("Client participation: updates contributed per client");
        plot.XLabel("client id (fleet order: tiers as listed in the config)");
        plot.YLabel("updates contributed");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }

    private static void LatencyCdf(string path, RunSummary summary)
    {
        using var plot = new Plot();
        for (int s = 0; s < summary.Strategies.Count; s++)
        {
            var st = summary.Strategies[s];
            var q = st.Latency.Percentiles;
            if (q.Length == 0)
            {
                continue;
            }

            double[] ys = Enumerable.Range(0, q.Length).Select(i => i / (double)(q.Length - 1)).ToArray();
            var line = plot.Add.ScatterLine(q, ys, Palette(s));
            line.LegendText = st.Name;
            line.LineWidth = 2;
        }

        plot.Title("Client latency CDF (dispatch to arrival)");
        plot.XLabel("latency (simulated s)");
        plot.YLabel("fraction of tasks");
        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, Width, Height);
    }

    private static Color Palette(int i) => new ScottPlot.Palettes.Category10().GetColor(i);
}
