namespace AsyncFl.Cli.Presets;

/// <summary>The experiment configs embedded in the app (Presets/*.json as embedded resources).</summary>
internal static class PresetCatalog
{
    private const string Prefix = "AsyncFl.Cli.Presets.";

    /// <summary>The preset names, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(PresetCatalog).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The JSON of preset <paramref name="name"/>, or null if there is none.</summary>
    public static string? Get(string name)
    {
        using Stream? stream = typeof(PresetCatalog).Assembly.GetManifestResourceStream(Prefix + name + ".json");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
