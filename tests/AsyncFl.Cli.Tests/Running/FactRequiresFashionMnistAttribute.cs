using AsyncFl.Cli.Config;
using Xunit;

namespace AsyncFl.Cli.Tests.Running;

/// <summary>A fact that is skipped, with the reason, when the Fashion-MNIST files are not installed (CI installs them).</summary>
public sealed class FactRequiresFashionMnistAttribute : FactAttribute
{
    public FactRequiresFashionMnistAttribute()
    {
        var config = new ExperimentConfig { Data = new DataConfig { Dataset = "fashion-mnist" } };
        if (DataCheck.Missing(config, null, Environment.GetEnvironmentVariable) is { } missing)
        {
            Skip = "Fashion-MNIST is not installed (" + missing.Split('\n')[0] + "); install it with '" + DataCheck.InstallCommand + "' or bash eng/install-deps.sh.";
        }
    }
}
