namespace AsyncFl.Cli.Running;

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
