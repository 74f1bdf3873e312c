namespace AsyncFl.Testing;

/// <summary>Option checks shared by the conformance options.</summary>
internal static class ConformanceChecks
{
    public static void AtLeastOne(List<string> errors, string name, int value)
    {
        if (value < 1)
        {
            errors.Add($"{name} must be ≥ 1 (was {value}).");
        }
    }

    public static void Throw(List<string> errors, string what)
    {
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid {what}: " + string.Join(" ", errors));
        }
    }
}
