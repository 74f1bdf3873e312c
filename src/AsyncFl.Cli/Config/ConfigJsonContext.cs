using System.Text.Json.Serialization;

namespace AsyncFl.Cli.Config;

/// <summary>The source-generated JSON metadata of the config (camelCase, unknown keys are errors).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExperimentConfig))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext
{
}
