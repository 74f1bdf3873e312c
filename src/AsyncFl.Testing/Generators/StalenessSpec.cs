using System.Globalization;

namespace AsyncFl.Testing;

/// <summary>
/// A generated staleness function: its kind and parameters, within the ranges the papers use
/// (<see cref="Arbitraries.StalenessFunctions"/>). Shrinks toward <see cref="StalenessKind.Constant"/>.
/// </summary>
/// <param name="Kind">Which function.</param>
/// <param name="A">The exponent a, slope a, β or λ, or the value after the threshold (unused by the parameterless kinds).</param>
/// <param name="B">The hinge point b or the cut-off (unused by the other kinds).</param>
public sealed record StalenessSpec(StalenessKind Kind, double A = 0, long B = 0)
{
    /// <summary>Creates the function.</summary>
    /// <returns>The staleness function.</returns>
    public IStalenessFunction Create() => Kind switch
    {
        StalenessKind.Constant => StalenessFunctions.Constant(),
        StalenessKind.Polynomial => StalenessFunctions.Polynomial(A),
        StalenessKind.InverseSqrt => StalenessFunctions.InverseSqrt(),
        StalenessKind.Hinge => StalenessFunctions.Hinge(A, B),
        StalenessKind.Inverse => StalenessFunctions.Inverse(A),
        StalenessKind.Exponential => StalenessFunctions.Exponential(A),
        StalenessKind.Threshold => StalenessFunctions.Threshold(B, A),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown staleness kind."),
    };

    /// <inheritdoc />
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        return Kind switch
        {
            StalenessKind.Polynomial => $"Polynomial(a = {A.ToString("0.###", c)})",
            StalenessKind.Hinge => $"Hinge(a = {A.ToString("0.###", c)}, b = {B})",
            StalenessKind.Inverse => $"Inverse(β = {A.ToString("0.###", c)})",
            StalenessKind.Exponential => $"Exponential(λ = {A.ToString("0.###", c)})",
            StalenessKind.Threshold => $"Threshold(cut-off {B}, then {A.ToString("0.###", c)})",
            _ => Kind.ToString(),
        };
    }
}
