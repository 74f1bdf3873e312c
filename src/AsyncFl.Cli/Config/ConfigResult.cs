namespace AsyncFl.Cli.Config;

/// <summary>The result of reading a config: the config (when it could be read) and every problem found.</summary>
/// <param name="Config">The config, or null when it could not be deserialized.</param>
/// <param name="Errors">Every problem found (empty when valid).</param>
internal sealed record ConfigResult(ExperimentConfig? Config, IReadOnlyList<ConfigError> Errors)
{
    /// <summary>Whether the config is usable.</summary>
    public bool IsValid => Config is not null && Errors.Count == 0;
}
