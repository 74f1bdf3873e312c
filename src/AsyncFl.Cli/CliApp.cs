using System.CommandLine;
using System.Globalization;
using AsyncFl.Cli.Config;
using AsyncFl.Cli.Output;
using AsyncFl.Cli.Presets;
using AsyncFl.Cli.Running;
using AsyncFl.Cli.Ui;
using Spectre.Console;

namespace AsyncFl.Cli;

/// <summary>
/// The asyncfl command line: <c>run</c>, <c>presets</c>, <c>validate</c>, <c>report</c>; no arguments runs the default preset.
/// Everything it prints goes to the writers it was given, so tests can run it in-process.
/// </summary>
internal sealed class CliApp
{
    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly IAnsiConsole _console;
    private readonly Func<IExperimentBackend> _backendFactory;
    private readonly Func<string, string?> _environment;
    private readonly TimeProvider _time;

    /// <summary>Creates the app.</summary>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error (problems and what to do about them).</param>
    /// <param name="console">The Spectre console for progress and tables (null: one writing to <paramref name="output"/>).</param>
    /// <param name="backendFactory">Creates the engine-facing backend (null: the simulator backend).</param>
    /// <param name="environment">Reads environment variables (null: the process environment).</param>
    /// <param name="time">Real time, for default run-folder names (null: the system clock).</param>
    public CliApp(TextWriter output, TextWriter error, IAnsiConsole? console = null, Func<IExperimentBackend>? backendFactory = null,
        Func<string, string?>? environment = null, TimeProvider? time = null)
    {
        _out = output;
        _err = error;
        _console = console ?? AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!_console.Profile.Capabilities.Interactive)
        {
            _console.Profile.Width = Math.Max(_console.Profile.Width, 150);
        }
        _backendFactory = backendFactory ?? (() => new SimulationBackend());
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Runs the command line <paramref name="args"/>.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Ctrl+C.</param>
    /// <returns>The exit code: 0 success, 2 invalid config or arguments, 3 missing data, 130 interrupted.</returns>
    public int Run(string[] args, CancellationToken cancellationToken)
    {
        var root = BuildCommands(cancellationToken);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                _err.WriteLine("error: " + error.Message);
            }

            _err.WriteLine("Run 'asyncfl --help' (or 'asyncfl <command> --help') to see the commands and options.");
            return ExitCodes.InvalidInput;
        }

        return parse.Invoke(new InvocationConfiguration
        {
            Output = _out,
            Error = _err,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        });
    }

    // System.CommandLine's own message for a bad long? names the CLR type ("System.Nullable`1[System.Int64]").
    private static long? ParseSeed(System.CommandLine.Parsing.ArgumentResult result)
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (long.TryParse(token, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out long seed))
        {
            return seed;
        }

        result.AddError($"--seed must be a whole number from {long.MinValue} to {long.MaxValue}; got '{token}'.");
        return null;
    }

    private RootCommand BuildCommands(CancellationToken cancellationToken)
    {
        var configOption = new Option<FileInfo?>("--config", "-c") { Description = "An experiment config (JSON); see docs/app.md." };
        var presetOption = new Option<string?>("--preset", "-p") { Description = "A built-in experiment (see 'asyncfl presets'); default: 'default'." };
        var outOption = new Option<DirectoryInfo?>("--out", "-o") { Description = "The run folder to write (default: runs/<name>-<date>-<time>)." };
        var quietOption = new Option<bool>("--quiet", "-q") { Description = "No live display; print only the run folder's path (for scripts)." };
        var seedOption = new Option<long?>("--seed", "-s") { Description = "Overrides the config's seed.", CustomParser = ParseSeed };
        var dataDirOption = new Option<DirectoryInfo?>("--data-dir") { Description = "Where a real dataset lives (overrides data.directory and " + DataCheck.FashionMnistVariable + ")." };

        var run = new Command("run", "Run an experiment from a config file or a preset and write a run folder (CSV, summary, plots, report).")
        {
            configOption, presetOption, outOption, quietOption, seedOption, dataDirOption,
        };
        run.SetAction(p => RunExperiment(
            p.GetValue(configOption)?.FullName, p.GetValue(presetOption), p.GetValue(outOption)?.FullName, p.GetValue(quietOption),
            p.GetValue(seedOption), p.GetValue(dataDirOption)?.FullName, cancellationToken));

        var showOption = new Option<string?>("--show") { Description = "Print the JSON of one preset (a starting point for your own config)." };
        var presets = new Command("presets", "List the built-in experiments.") { showOption };
        presets.SetAction(p => ListPresets(p.GetValue(showOption)));

        var fileArgument = new Argument<FileInfo>("file") { Description = "The config file to check." };
        var validate = new Command("validate", "Check a config and list every problem with its path, without running it.") { fileArgument };
        validate.SetAction(p => Validate(p.GetValue(fileArgument)!.FullName));

        var dirArgument = new Argument<DirectoryInfo>("runDir") { Description = "A finished run folder (holds summary.json and metrics.csv)." };
        var report = new Command("report", "Re-render the plots and report.md of a finished run from its metrics.csv and summary.json.") { dirArgument };
        report.SetAction(p => Report(p.GetValue(dirArgument)!.FullName));

        var root = new RootCommand("asyncfl: asynchronous federated learning experiments. With no command, runs the 'default' preset.")
        {
            run, presets, validate, report,
        };
        root.SetAction(_ => RunExperiment(null, null, null, quiet: false, seed: null, dataDir: null, cancellationToken));
        return root;
    }

    private int RunExperiment(string? configPath, string? preset, string? outDir, bool quiet, long? seed, string? dataDir, CancellationToken cancellationToken)
    {
        if (configPath is not null && preset is not null)
        {
            _err.WriteLine("error: give either --config or --preset, not both.");
            return ExitCodes.InvalidInput;
        }

        string source;
        string? json;
        if (configPath is not null)
        {
            source = configPath;
            if (!File.Exists(configPath))
            {
                _err.WriteLine($"error: config file '{configPath}' not found. Check the path, or start from a preset: 'asyncfl presets --show default > my.json'.");
                return ExitCodes.InvalidInput;
            }

            json = File.ReadAllText(configPath);
        }
        else
        {
            preset ??= "default";
            json = PresetCatalog.Get(preset);
            if (json is null)
            {
                _err.WriteLine($"error: {PresetCatalog.Unknown(preset)} (see 'asyncfl presets').");
                return ExitCodes.InvalidInput;
            }

            preset = PresetCatalog.Resolve(preset)!;
            source = "preset '" + preset + "'";
        }

        var loaded = ConfigLoader.Load(json);
        if (!loaded.IsValid)
        {
            return ReportErrors(source, loaded.Errors);
        }

        var config = loaded.Config!;
        if (seed is { } s)
        {
            config.Seed = s;
        }

        if (DataCheck.Missing(config, dataDir, _environment) is { } missing)
        {
            _err.WriteLine("error: " + missing);
            return ExitCodes.MissingData;
        }

        if (dataDir is not null && config.Data is not null && config.Data.Dataset != "synthetic" && config.Data.Dataset is not null)
        {
            config.Data.Directory = dataDir;
        }

        IExperimentBackend backend;
        try
        {
            backend = _backendFactory();
            var problems = backend.Check(config);
            if (problems.Count > 0)
            {
                return ReportErrors(source, problems);
            }
        }
        catch (RunBlockedException ex)
        {
            _err.WriteLine("error: " + ex.Message);
            return ex.ExitCode;
        }

        string folder = outDir ?? DefaultRunFolder(config.Name ?? "experiment");
        List<StrategyResult> results;
        bool interrupted;
        try
        {
            IRunView view = quiet ? new QuietView() : new LiveView(_console);
            (results, interrupted) = ExperimentRunner.Run(config, backend, view, cancellationToken);
        }
        catch (RunBlockedException ex)
        {
            _err.WriteLine("error: " + ex.Message);
            return ex.ExitCode;
        }
        catch (ArgumentException ex)
        {
            _err.WriteLine("error: the library rejected an option of this config: " + ex.Message);
            _err.WriteLine($"Fix the option in {source} (see docs/app.md for the allowed values) and run again.");
            return ExitCodes.InvalidInput;
        }
        finally
        {
            (backend as IDisposable)?.Dispose();
        }

        if (results.Count == 0)
        {
            _err.WriteLine("Interrupted before any strategy ran; nothing was written.");
            return ExitCodes.Interrupted;
        }

        RunSummary summary;
        try
        {
            summary = RunFolder.Write(folder, config, results, interrupted);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _err.WriteLine($"error: cannot write the run folder '{folder}': {ex.Message} Choose another folder with --out.");
            return ExitCodes.InvalidInput;
        }

        if (quiet)
        {
            _out.WriteLine(folder);
        }
        else
        {
            PrintSummary(summary, folder);
        }

        if (interrupted)
        {
            _err.WriteLine($"Interrupted: wrote what ran so far to {folder}.");
            return ExitCodes.Interrupted;
        }

        return ExitCodes.Success;
    }

    private int ReportErrors(string source, IReadOnlyList<ConfigError> errors)
    {
        _err.WriteLine(Fmt.I($"error: {errors.Count} problem{(errors.Count == 1 ? string.Empty : "s")} in {source}:"));
        foreach (var e in errors)
        {
            _err.WriteLine("  " + e);
        }

        _err.WriteLine("Fix them and run again; 'asyncfl validate <file>' checks a config without running it. Every key is described in docs/app.md.");
        return ExitCodes.InvalidInput;
    }

    private string DefaultRunFolder(string name)
    {
        var now = _time.GetLocalNow();
        string safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
        string baseName = Path.Combine("runs", safe + "-" + now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        string folder = baseName;
        for (int i = 2; Directory.Exists(folder); i++)
        {
            folder = baseName + "-" + i.ToString(CultureInfo.InvariantCulture);
        }

        return Path.GetFullPath(folder);
    }

    private void PrintSummary(RunSummary summary, string folder)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("[bold]" + Markup.Escape(summary.Name) + "[/]")
            .AddColumn("strategy").AddColumn(new TableColumn("time to target (s)").RightAligned()).AddColumn(new TableColumn("speed-up").RightAligned())
            .AddColumn(new TableColumn("final loss").RightAligned()).AddColumn(new TableColumn("steps").RightAligned())
            .AddColumn(new TableColumn("accepted").RightAligned()).AddColumn(new TableColumn("rejected").RightAligned())
            .AddColumn(new TableColumn("staleness").RightAligned()).AddColumn(new TableColumn("latency P50/P90/P99 (s)").RightAligned());
        foreach (var st in summary.Strategies)
        {
            table.AddRow(
                Markup.Escape(st.Name),
                st.TimeToTarget is { } t ? G(t) : "[grey]not reached[/]",
                st.SpeedupOverBaseline is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "–",
                st.FinalLoss is { } l ? G(l) : "–",
                Fmt.N(st.Version),
                Fmt.N(st.Applied + st.Buffered),
                Fmt.N(st.Rejected),
                st.StalenessMean is { } m ? m.ToString("0.00", CultureInfo.InvariantCulture) : "–",
                st.Latency.P50 is null ? "–" : $"{G(st.Latency.P50.Value)} / {G(st.Latency.P90!.Value)} / {G(st.Latency.P99!.Value)}");
        }

        _console.Write(table);
        string target = summary.TargetLoss is { } tl ? "loss ≤ " + G(tl) : summary.TargetAccuracy is { } ta ? "accuracy ≥ " + G(ta) : "none";
        _console.MarkupLine(Markup.Escape($"Target: {target}. Speed-up = time to target of {summary.Baseline ?? "(no synchronous baseline)"} ÷ the strategy's (simulated time)."));
        _console.MarkupLine("Run folder: " + Markup.Escape(folder));
        _console.MarkupLine("Report:     " + Markup.Escape(Path.Combine(folder, "report.md")));
    }

    private int ListPresets(string? show)
    {
        if (show is not null)
        {
            string? json = PresetCatalog.Get(show);
            if (json is null)
            {
                _err.WriteLine($"error: {PresetCatalog.Unknown(show)}.");
                return ExitCodes.InvalidInput;
            }

            _out.Write(json);
            return ExitCodes.Success;
        }

        foreach (var name in PresetCatalog.Names)
        {
            var config = ConfigLoader.Load(PresetCatalog.Get(name)!).Config;
            _out.WriteLine($"{name,-16} {config?.Description ?? string.Empty}");
        }

        _out.WriteLine();
        _out.WriteLine("Run one with 'asyncfl run --preset <name>'; copy one with 'asyncfl presets --show <name> > my.json'.");
        return ExitCodes.Success;
    }

    private int Validate(string path)
    {
        if (!File.Exists(path))
        {
            _err.WriteLine($"error: config file '{path}' not found. Check the path.");
            return ExitCodes.InvalidInput;
        }

        var loaded = ConfigLoader.Load(File.ReadAllText(path));
        var errors = loaded.Errors.ToList();
        if (loaded.IsValid)
        {
            errors.AddRange(_backendFactory().Check(loaded.Config!));
        }

        if (errors.Count > 0)
        {
            return ReportErrors(path, errors);
        }

        var c = loaded.Config!;
        _out.WriteLine(Fmt.I($"{path}: valid ({c.Strategies!.Count} {(c.Strategies.Count == 1 ? "strategy" : "strategies")}, {c.Fleet!.Tiers!.Sum(t => t.Count)} clients, seed {c.Seed})."));
        if (DataCheck.Missing(c, null, _environment) is { } missing)
        {
            _out.WriteLine("note: " + missing);
        }

        return ExitCodes.Success;
    }

    private int Report(string directory)
    {
        if (!Directory.Exists(directory))
        {
            _err.WriteLine($"error: run folder '{directory}' not found. Give the folder a run wrote (its path is printed at the end of 'asyncfl run').");
            return ExitCodes.InvalidInput;
        }

        try
        {
            RunFolder.Rerender(directory);
        }
        catch (RunBlockedException ex)
        {
            _err.WriteLine("error: " + ex.Message);
            return ex.ExitCode;
        }

        _out.WriteLine("Re-rendered " + Path.Combine(directory, "report.md") + " and its plots.");
        return ExitCodes.Success;
    }

    private static string G(double x) => x.ToString("G4", CultureInfo.InvariantCulture);
}
