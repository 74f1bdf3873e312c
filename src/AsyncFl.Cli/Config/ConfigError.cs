namespace AsyncFl.Cli.Config;

/// <summary>One problem in a config, with its JSON path (e.g. <c>$.strategies[1].aggregator.alpha</c>).</summary>
/// <param name="Path">Where the problem is.</param>
/// <param name="Message">What is wrong and what to do.</param>
internal sealed record ConfigError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Path + ": " + Message;
}
