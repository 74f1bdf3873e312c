using AsyncFl.Cli;
using Spectre.Console;

// asyncfl: Ctrl+C cancels the token (the run stops cleanly and writes what it has); a second Ctrl+C ends the process.
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!cts.IsCancellationRequested)
    {
        e.Cancel = true;
        cts.Cancel();
    }
};

if (Console.IsOutputRedirected)
{
    AnsiConsole.Console.Profile.Width = 150; // logs and pipes: keep the summary table on one line per strategy
}

var app = new CliApp(Console.Out, Console.Error, AnsiConsole.Console);
return app.Run(args, cts.Token);
