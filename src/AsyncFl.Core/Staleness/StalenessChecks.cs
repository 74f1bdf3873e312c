using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AsyncFl;

/// <summary>Shared checks of the built-in staleness functions.</summary>
internal static class StalenessChecks
{
    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    internal static void RequireFiniteNonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            ThrowNotFiniteNonNegative(value, name);
        }
    }

    [DoesNotReturn]
    internal static void ThrowNotFiniteNonNegative(double value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be a finite number ≥ 0 (was {Format(value)}).");

    [DoesNotReturn]
    internal static void ThrowNegativeStaleness(long staleness) =>
        throw new ArgumentOutOfRangeException(nameof(staleness), staleness, "Staleness must be ≥ 0; reject updates from the future before weighting them.");
}
