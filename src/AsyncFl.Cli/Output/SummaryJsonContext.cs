using System.Text.Json.Serialization;

namespace AsyncFl.Cli.Output;

/// <summary>Source-generated JSON for summary.json.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext
{
}
