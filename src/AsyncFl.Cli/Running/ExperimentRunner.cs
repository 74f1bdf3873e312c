using AsyncFl.Cli.Config;

namespace AsyncFl.Cli.Running;

/// <summary>Runs every strategy of a config, one after the other, and collects the results.</summary>
internal static class ExperimentRunner
{
    /// <summary>Runs the strategies; stops early (keeping what ran) when cancelled.</summary>
    /// <returns>The results of the strategies that ran (the last one partial when interrupted) and whether it was interrupted.</returns>
    public static (List<StrategyResult> Results, bool Interrupted) Run(
        ExperimentConfig config, IExperimentBackend backend, IRunView view, CancellationToken cancellationToken)
    {
        var results = new List<StrategyResult>();
        bool interrupted = false;
        view.Run(config, v =>
        {
            for (int i = 0; i < config.Strategies!.Count; i++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    interrupted = true;
                    break;
                }

                v.Started(i);
                var result = backend.Run(config, i, s => v.Progress(s), cancellationToken);
                results.Add(result);
                v.Finished(i, result);
                if (result.StopReason == StopReason.Interrupted || cancellationToken.IsCancellationRequested)
                {
                    interrupted = true;
                    break;
                }
            }
        });

        return (results, interrupted);
    }
}
