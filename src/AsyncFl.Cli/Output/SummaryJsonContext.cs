using System.Text.Json.Serialization;
using AsyncFl.Cli.Running;

namespace AsyncFl.Cli.Output;

/// <summary>Source-generated JSON for summary.json.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(RunSummary))]
internal sealed partial class SummaryJsonContext : JsonSerializerContext
{
}
