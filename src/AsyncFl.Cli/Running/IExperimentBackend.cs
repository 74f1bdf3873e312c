using AsyncFl.Cli.Config;

namespace AsyncFl.Cli.Running;

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
