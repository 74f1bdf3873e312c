using AsyncFl.Cli.Config;
using AsyncFl.Cli.Running;

namespace AsyncFl.Cli.Ui;

/// <summary>Shows nothing while running (--quiet).</summary>
internal sealed class QuietView : IRunView
{
    /// <inheritdoc />
    public void Run(ExperimentConfig config, Action<IRunView> body) => body(this);

    /// <inheritdoc />
    public void Started(int index)
    {
    }

    /// <inheritdoc />
    public void Progress(in ProgressSnapshot snapshot)
    {
    }

    /// <inheritdoc />
    public void Finished(int index, StrategyResult result)
    {
    }
}
