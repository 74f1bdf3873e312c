namespace AsyncFl.Cli.Config;

/// <summary>Checks that the data a config needs is installed.</summary>
internal static class DataCheck
{
    /// <summary>The environment variable that points the app at a Fashion-MNIST folder.</summary>
    public const string FashionMnistVariable = "ASYNCFL_FASHION_MNIST_DIR";

    /// <summary>Where Debian's package installs Fashion-MNIST.</summary>
    public const string FashionMnistDefault = "/usr/share/datasets/fashion-mnist";

    /// <summary>The command that installs Fashion-MNIST.</summary>
    public const string InstallCommand = "sudo apt-get install -y dataset-fashion-mnist";

    /// <summary>The files Fashion-MNIST needs.</summary>
    public static readonly string[] FashionMnistFiles =
        ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    /// <summary>The dataset folder: --data-dir, then the config's data.directory, then the environment variable, then the default.</summary>
    public static string ResolveDirectory(ExperimentConfig config, string? overrideDirectory, Func<string, string?> environment) =>
        overrideDirectory ?? config.Data?.Directory ?? environment(FashionMnistVariable) ?? FashionMnistDefault;

    /// <summary>Returns null when the data is there, else a message saying what is missing and how to install it.</summary>
    public static string? Missing(ExperimentConfig config, string? overrideDirectory, Func<string, string?> environment)
    {
        if (config.Data?.Dataset != "fashion-mnist")
        {
            return null;
        }

        string dir = ResolveDirectory(config, overrideDirectory, environment);
        var missing = FashionMnistFiles.Where(f => !File.Exists(Path.Combine(dir, f))).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        return $"Fashion-MNIST is not installed: {string.Join(", ", missing)} missing in '{dir}'.\n" +
            $"Install it with:\n\n    {InstallCommand}\n\n" +
            $"or point the app at a folder holding the four files with --data-dir <folder> or {FashionMnistVariable}=<folder>.";
    }
}
