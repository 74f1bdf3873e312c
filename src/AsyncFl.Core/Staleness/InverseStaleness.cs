namespace AsyncFl;

/// <summary>
/// <c>s(τ) = 1 / (1 + β·τ)</c>: the seed paper's FedBuff baseline penalty (β = 0.05, spec §1.3) and RAFL's raw
/// weight (β = α_stale).
/// </summary>
internal sealed class InverseStaleness : IStalenessFunction
{
    /// <summary>Creates the function.</summary>
    /// <param name="beta">The penalty strength β ≥ 0.</param>
    public InverseStaleness(double beta)
    {
        StalenessChecks.RequireFiniteNonNegative(beta, nameof(beta));
        Beta = beta;
    }

    /// <summary>The penalty strength β.</summary>
    public double Beta { get; }

    /// <inheritdoc />
    public string Name => $"inverse(beta={StalenessChecks.Format(Beta)})";

    /// <inheritdoc />
    public double Weight(long staleness)
    {
        if (staleness < 0)
        {
            StalenessChecks.ThrowNegativeStaleness(staleness);
        }

        return 1.0 / (1.0 + (Beta * staleness));
    }
}
