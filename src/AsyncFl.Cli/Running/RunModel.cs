using AsyncFl.Cli.Config;

namespace AsyncFl.Cli.Running;

/// <summary>Why a strategy's run ended.</summary>
internal enum StopReason
{
    /// <summary>The target loss or accuracy was reached.</summary>
    TargetReached,

    /// <summary>The simulated-time budget ran out.</summary>
    MaxSimulatedTime,

    /// <summary>The step budget ran out.</summary>
    MaxSteps,

    /// <summary>The scheduler or engine ended training by itself.</summary>
    Finished,

    /// <summary>The user pressed Ctrl+C.</summary>
    Interrupted,
}

/// <summary>One row of the trace (one row of metrics.csv).</summary>
/// <param name="SimulatedSeconds">Time on the run's clock.</param>
/// <param name="Version">Model version (server steps so far).</param>
/// <param name="Loss">Loss (f(x) − f* for synthetic objectives).</param>
/// <param name="Accuracy">Test accuracy, or NaN when the problem has none.</param>
/// <param name="Applied">Updates applied so far.</param>
/// <param name="Buffered">Updates accepted into a buffer so far.</param>
/// <param name="Rejected">Updates rejected or discarded so far.</param>
/// <param name="Dropped">Tasks dropped (client failures) or timed out so far.</param>
/// <param name="StalenessMean">Mean staleness of the results that arrived since the previous row (NaN if none).</param>
/// <param name="StalenessMax">Largest staleness of the results that arrived since the previous row (0 if none).</param>
internal readonly record struct TracePoint(
    double SimulatedSeconds,
    long Version,
    double Loss,
    double Accuracy,
    long Applied,
    long Buffered,
    long Rejected,
    long Dropped,
    double StalenessMean,
    long StalenessMax);

/// <summary>What a strategy's run produced.</summary>
internal sealed class StrategyResult
{
    /// <summary>The strategy's label.</summary>
    public required string Name { get; init; }

    /// <summary>A description of the scheduler and aggregator as built (their Name properties).</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Why it ended.</summary>
    public StopReason StopReason { get; init; }

    /// <summary>The sampled trace, in time order; the last row is the final state.</summary>
    public required IReadOnlyList<TracePoint> Trace { get; init; }

    /// <summary>Simulated seconds until the target was first reached, or null.</summary>
    public double? TimeToTarget { get; init; }

    /// <summary>Count of accepted updates per staleness value 0, 1, …; the last bucket holds everything larger.</summary>
    public required long[] StalenessHistogram { get; init; }

    /// <summary>Updates each client contributed (accepted results), indexed by client id.</summary>
    public required long[] Participation { get; init; }

    /// <summary>The 0th, 1st, …, 100th percentiles of the client latency (dispatch to arrival, seconds); empty without completed tasks.</summary>
    public required double[] LatencyPercentiles { get; init; }

    /// <summary>Mean client latency (seconds); NaN without completed tasks.</summary>
    public double LatencyMean { get; init; } = double.NaN;

    /// <summary>Completed tasks behind the latency numbers.</summary>
    public long LatencyCount { get; init; }

    /// <summary>Tasks dispatched.</summary>
    public long TasksDispatched { get; init; }

    /// <summary>Tasks cancelled by the scheduler.</summary>
    public long TasksCancelled { get; init; }

    /// <summary>The final state.</summary>
    public TracePoint Final => Trace[^1];
}

/// <summary>A live snapshot for the progress display.</summary>
/// <param name="StrategyIndex">Which strategy is running.</param>
/// <param name="Point">The latest trace row.</param>
/// <param name="Fraction">Progress in [0, 1] towards the stopping rule.</param>
internal readonly record struct ProgressSnapshot(int StrategyIndex, TracePoint Point, double Fraction);

/// <summary>A problem that stops a run before it starts (missing data, unsupported configuration).</summary>
internal sealed class RunBlockedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunBlockedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    public RunBlockedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public RunBlockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exit code to return (2 invalid configuration, 3 missing data).</summary>
    public int ExitCode { get; init; } = ExitCodes.InvalidInput;
}

/// <summary>The app's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure (a bug): the message says where to report it.</summary>
    public const int Failure = 1;

    /// <summary>Invalid config or arguments.</summary>
    public const int InvalidInput = 2;

    /// <summary>Data that the config needs is missing.</summary>
    public const int MissingData = 3;

    /// <summary>Stopped with Ctrl+C.</summary>
    public const int Interrupted = 130;
}

/// <summary>
/// The engine-facing part of the app: runs one strategy of a config and reports its trace. The real implementation
/// drives the library's engine on the virtual clock; tests can substitute a fake.
/// </summary>
internal interface IExperimentBackend
{
    /// <summary>
    /// Problems this backend finds with a valid config before running (strategies it cannot build, missing data).
    /// Throws <see cref="RunBlockedException"/> for problems with a specific exit code (missing data: 3).
    /// </summary>
    /// <param name="config">The validated config.</param>
    /// <returns>Config errors with paths (exit code 2 when non-empty).</returns>
    IReadOnlyList<ConfigError> Check(ExperimentConfig config);

    /// <summary>Runs strategy <paramref name="strategyIndex"/> to its stopping rule or until cancelled.</summary>
    /// <param name="config">The validated config.</param>
    /// <param name="strategyIndex">Which strategy.</param>
    /// <param name="progress">Receives snapshots (at most every trace interval).</param>
    /// <param name="cancellationToken">Ctrl+C: the run ends with <see cref="StopReason.Interrupted"/> and returns what it has.</param>
    /// <returns>The result (partial when interrupted).</returns>
    StrategyResult Run(ExperimentConfig config, int strategyIndex, Action<ProgressSnapshot> progress, CancellationToken cancellationToken);
}
