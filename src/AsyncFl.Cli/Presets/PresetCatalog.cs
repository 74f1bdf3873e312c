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

    /// <summary>The preset's own spelling of <paramref name="name"/> (names match ignoring case and surrounding
    /// spaces), or null if there is none.</summary>
    public static string? Resolve(string name) =>
        Names.FirstOrDefault(n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>"there is no preset 'x' (did you mean 'y'?). Presets: …": the error for an unknown name.</summary>
    public static string Unknown(string name)
    {
        string? closest = Config.Fmt.Closest(name.Trim().ToLowerInvariant(), Names);
        return $"there is no preset '{name}'" + (closest is null ? "" : $" (did you mean '{closest}'?)") + $". Presets: {string.Join(", ", Names)}";
    }

    /// <summary>The JSON of preset <paramref name="name"/> (any case), or null if there is none.</summary>
    public static string? Get(string name)
    {
        if (Resolve(name) is not { } canonical)
        {
            return null;
        }

        name = canonical;
        using Stream? stream = typeof(PresetCatalog).Assembly.GetManifestResourceStream(Prefix + name + ".json");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
