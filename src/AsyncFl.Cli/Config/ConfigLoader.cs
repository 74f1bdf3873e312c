using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AsyncFl.Cli.Config;

/// <summary>
/// Reads a config: JSON syntax, then the shape (every unknown key and every wrong type, each with its path), then the
/// values (<see cref="ConfigValidator"/>). Every problem is reported at once.
/// </summary>
internal static class ConfigLoader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Reads and validates a config from JSON text.</summary>
    /// <param name="json">The JSON.</param>
    public static ConfigResult Load(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return new ConfigResult(null, [new ConfigError(
                Fmt.I($"$ (line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1})"),
                "the file is not valid JSON: " + FirstSentence(ex.Message) + " Fix the syntax and run 'asyncfl validate' again.")]);
        }

        using (document)
        {
            var errors = new List<ConfigError>();
            var root = ConfigJsonContext.Default.ExperimentConfig;
            CheckShape(document.RootElement, root, "$", errors);
            if (errors.Count > 0)
            {
                return new ConfigResult(null, errors);
            }

            ExperimentConfig? config;
            try
            {
                config = document.RootElement.Deserialize(ConfigJsonContext.Default.ExperimentConfig);
            }
            catch (JsonException ex)
            {
                // The shape check should have caught it; translate the serializer's message as a backstop.
                return new ConfigResult(null, [new ConfigError(ex.Path ?? "$", FirstSentence(ex.Message))]);
            }

            if (config is null)
            {
                return new ConfigResult(null, [new ConfigError("$", "the config is null; write a JSON object ({ … }).")]);
            }

            errors.AddRange(ConfigValidator.Validate(config));
            return new ConfigResult(config, errors);
        }
    }

    /// <summary>Writes a config as indented JSON.</summary>
    /// <param name="config">The config.</param>
    public static string Serialize(ExperimentConfig config) =>
        JsonSerializer.Serialize(config, ConfigJsonContext.Default.ExperimentConfig);

    private static void CheckShape(JsonElement element, JsonTypeInfo info, string path, List<ConfigError> errors)
    {
        var type = info.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        bool nullable = underlying is not null || !type.IsValueType;
        type = underlying ?? type;

        if (element.ValueKind == JsonValueKind.Null)
        {
            if (!nullable)
            {
                errors.Add(new ConfigError(path, Fmt.I($"must not be null; give {Describe(type)} or remove the key to use the default.")));
            }

            return;
        }

        if (type == typeof(string))
        {
            Expect(element, JsonValueKind.String, path, "a string", errors);
        }
        else if (type == typeof(bool))
        {
            if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add(Mismatch(element, path, "true or false"));
            }
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            if (element.ValueKind != JsonValueKind.Number)
            {
                errors.Add(Mismatch(element, path, "a whole number"));
            }
            else if (!element.TryGetInt64(out long v) || (type == typeof(int) && (v < int.MinValue || v > int.MaxValue)))
            {
                errors.Add(new ConfigError(path, Fmt.I($"must be a whole number{(type == typeof(int) ? " up to 2147483647" : string.Empty)}, got {element.GetRawText()}.")));
            }
        }
        else if (type == typeof(double))
        {
            Expect(element, JsonValueKind.Number, path, "a number", errors);
        }
        else if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } elementType)
        {
            if (Expect(element, JsonValueKind.Array, path, "a list [ … ]", errors))
            {
                var elementInfo = info.Options.GetTypeInfo(elementType);
                int i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    CheckShape(item, elementInfo, Fmt.I($"{path}[{i}]"), errors);
                    i++;
                }
            }
        }
        else if (info.Kind == JsonTypeInfoKind.Object)
        {
            if (!Expect(element, JsonValueKind.Object, path, "an object { … }", errors))
            {
                return;
            }

            var known = info.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                string childPath = path + "." + property.Name;
                if (!seen.Add(property.Name))
                {
                    // JSON allows it, but the last value would silently win over the first.
                    errors.Add(new ConfigError(childPath, "duplicate key: it appears more than once in this object; keep one."));
                    continue;
                }

                if (known.TryGetValue(property.Name, out var p))
                {
                    CheckShape(property.Value, info.Options.GetTypeInfo(p.PropertyType), childPath, errors);
                }
                else
                {
                    string? suggestion = Fmt.Closest(property.Name, known.Keys);
                    errors.Add(new ConfigError(childPath, "unknown key" +
                        (suggestion is null ? string.Empty : $" (did you mean '{suggestion}'?)") +
                        "; the keys allowed here are: " + string.Join(", ", known.Keys) + ". See docs/app.md."));
                }
            }
        }
    }

    private static bool Expect(JsonElement element, JsonValueKind kind, string path, string what, List<ConfigError> errors)
    {
        if (element.ValueKind == kind)
        {
            return true;
        }

        errors.Add(Mismatch(element, path, what));
        return false;
    }

    private static ConfigError Mismatch(JsonElement element, string path, string what)
    {
        string raw = element.GetRawText();
        if (raw.Length > 40)
        {
            raw = string.Concat(raw.AsSpan(0, 37), "...");
        }

        return new ConfigError(path, $"must be {what}, got {raw}.");
    }

    private static string Describe(Type type) =>
        type == typeof(bool) ? "true or false" : type == typeof(int) || type == typeof(long) ? "a whole number" : "a number";

    private static string FirstSentence(string message)
    {
        int i = message.IndexOf(". ", StringComparison.Ordinal);
        return i < 0 ? message : message[..(i + 1)];
    }
}
