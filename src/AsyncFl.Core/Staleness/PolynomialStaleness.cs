namespace AsyncFl;

/// <summary>
/// FedAsync's polynomial weighting <c>s(τ) = (τ + 1)^(−a)</c> (Xie et al. 2019, spec §2.1). With <c>a = 0.5</c> it is
/// FedBuff's default <c>1/√(1 + τ)</c>; with <c>a = 1</c> it is <c>1/(1 + τ)</c>.
/// </summary>
internal sealed class PolynomialStaleness : IStalenessFunction
{
    /// <summary>Creates the function.</summary>
    /// <param name="exponent">The exponent <c>a</c> ≥ 0 (0 gives the constant 1).</param>
    public PolynomialStaleness(double exponent)
    {
        StalenessChecks.RequireFiniteNonNegative(exponent, nameof(exponent));
        Exponent = exponent;
    }

    /// <summary>The exponent <c>a</c>.</summary>
    public double Exponent { get; }

    /// <inheritdoc />
    public string Name => $"poly(a={StalenessChecks.Format(Exponent)})";

    /// <inheritdoc />
    public double Weight(long staleness)
    {
        if (staleness < 0)
        {
            StalenessChecks.ThrowNegativeStaleness(staleness);
        }

        if (staleness == 0)
        {
            return 1.0;
        }

        return Exponent == 0.5 ? 1.0 / Math.Sqrt(staleness + 1.0) : Math.Pow(staleness + 1.0, -Exponent);
    }
}
