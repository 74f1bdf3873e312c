using AsyncFl.Cli.Config;

namespace AsyncFl.Cli.Running;

/// <summary>What the user sees while strategies run.</summary>
internal interface IRunView
{
    /// <summary>The whole experiment runs inside this call (live displays wrap it).</summary>
    void Run(ExperimentConfig config, Action<IRunView> body);

    /// <summary>A strategy starts.</summary>
    void Started(int index);

    /// <summary>A progress snapshot of the running strategy.</summary>
    void Progress(in ProgressSnapshot snapshot);

    /// <summary>A strategy finished (or was interrupted).</summary>
    void Finished(int index, StrategyResult result);
}
