namespace AsyncFl.Cli.Running;

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
