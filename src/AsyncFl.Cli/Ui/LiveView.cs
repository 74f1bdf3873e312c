using System.Diagnostics;
using System.Globalization;
using AsyncFl.Cli.Config;
using AsyncFl.Cli.Output;
using AsyncFl.Cli.Running;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AsyncFl.Cli.Ui;

/// <summary>
/// A live progress bar and a small table (simulated time, loss, applied/rejected, staleness) on an interactive
/// terminal; one line per finished strategy when the output is redirected.
/// </summary>
internal sealed class LiveView : IRunView
{
    private readonly IAnsiConsole _console;
    private readonly Stopwatch _sinceRefresh = Stopwatch.StartNew();
    private ExperimentConfig _config = new();
    private (string Status, TracePoint? Point, double Fraction)[] _rows = [];
    private LiveDisplayContext? _live;
    private int _current = -1;

    /// <summary>Creates the view.</summary>
    public LiveView(IAnsiConsole console) => _console = console;

    /// <inheritdoc />
    public void Run(ExperimentConfig config, Action<IRunView> body)
    {
        _config = config;
        _rows = config.Strategies!.Select(_ => ("waiting", (TracePoint?)null, 0.0)).ToArray();
        if (!_console.Profile.Capabilities.Interactive)
        {
            _console.MarkupLine(Fmt.I($"Running [bold]{Markup.Escape(config.Name ?? "experiment")}[/]: {config.Strategies!.Count} strategies, seed {config.Seed}."));
            body(this);
            return;
        }

        _console.Live(Render()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Start(ctx =>
        {
            _live = ctx;
            body(this);
            ctx.UpdateTarget(Render());
            ctx.Refresh();
        });
        _live = null;
    }

    /// <inheritdoc />
    public void Started(int index)
    {
        _current = index;
        _rows[index] = ("running", null, 0);
        Refresh(force: true);
    }

    /// <inheritdoc />
    public void Progress(in ProgressSnapshot snapshot)
    {
        _rows[snapshot.StrategyIndex] = ("running", snapshot.Point, snapshot.Fraction);
        Refresh(force: false);
    }

    /// <inheritdoc />
    public void Finished(int index, StrategyResult result)
    {
        string status = result.StopReason switch
        {
            StopReason.TargetReached => "[green]target reached[/]",
            StopReason.Interrupted => "[yellow]interrupted[/]",
            _ => "done (" + SummaryBuilder.ReasonName(result.StopReason) + ")",
        };
        _rows[index] = (status, result.Final, 1);
        if (_live is null)
        {
            var f = result.Final;
            _console.MarkupLine(Fmt.I($"  {Markup.Escape(result.Name)}: {status}, t = {f.SimulatedSeconds:0.##} s, loss {Num(f.Loss)}, steps {f.Version}, accepted {f.Applied + f.Buffered}, rejected {f.Rejected}."));
        }

        Refresh(force: true);
    }

    private void Refresh(bool force)
    {
        if (_live is null || (!force && _sinceRefresh.ElapsedMilliseconds < 100))
        {
            return;
        }

        _sinceRefresh.Restart();
        _live.UpdateTarget(Render());
        _live.Refresh();
    }

    private IRenderable Render()
    {
        int n = _rows.Length;
        double done = 0;
        for (int i = 0; i < n; i++)
        {
            done += _rows[i].Status == "waiting" ? 0 : _rows[i].Status == "running" ? _rows[i].Fraction : 1;
        }

        double fraction = n == 0 ? 1 : Math.Clamp(done / n, 0, 1);
        const int width = 40;
        int filled = (int)Math.Round(fraction * width);
        var bar = new Markup(Fmt.I($"[bold]{Markup.Escape(_config.Name ?? "experiment")}[/]  [green]{new string('━', filled)}[/][grey]{new string('━', width - filled)}[/] {fraction * 100:0}%  strategy {Math.Max(0, _current) + 1}/{n}   [grey](Ctrl+C stops and keeps what ran)[/]"));

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("strategy").AddColumn("status").AddColumn(new TableColumn("sim time (s)").RightAligned())
            .AddColumn(new TableColumn("loss").RightAligned()).AddColumn(new TableColumn("steps").RightAligned())
            .AddColumn(new TableColumn("accepted").RightAligned()).AddColumn(new TableColumn("rejected").RightAligned())
            .AddColumn(new TableColumn("staleness").RightAligned());
        for (int i = 0; i < n; i++)
        {
            var (status, point, _) = _rows[i];
            string name = Markup.Escape(_config.Strategies![i].Name ?? "?");
            if (point is { } p)
            {
                table.AddRow(name, status, p.SimulatedSeconds.ToString("0.0", CultureInfo.InvariantCulture), Num(p.Loss),
                    Fmt.N(p.Version), Fmt.N(p.Applied + p.Buffered), Fmt.N(p.Rejected),
                    double.IsFinite(p.StalenessMean) ? p.StalenessMean.ToString("0.0", CultureInfo.InvariantCulture) : "–");
            }
            else
            {
                table.AddRow(name, "[grey]" + status + "[/]", "", "", "", "", "", "");
            }
        }

        return new Rows(bar, table);
    }

    private static string Num(double x) => double.IsFinite(x) ? x.ToString("G4", CultureInfo.InvariantCulture) : "–";
}
