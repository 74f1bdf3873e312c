namespace AsyncFl;

/// <summary><c>s(τ) = exp(−λ·τ)</c> (spec §4.3 option list).</summary>
internal sealed class ExponentialStaleness : IStalenessFunction
{
    /// <summary>Creates the function.</summary>
    /// <param name="lambda">The decay rate λ ≥ 0.</param>
    public ExponentialStaleness(double lambda)
    {
        StalenessChecks.RequireFiniteNonNegative(lambda, nameof(lambda));
        Lambda = lambda;
    }

    /// <summary>The decay rate λ.</summary>
    public double Lambda { get; }

    /// <inheritdoc />
    public string Name => $"exp(lambda={StalenessChecks.Format(Lambda)})";

    /// <inheritdoc />
    public double Weight(long staleness)
    {
        if (staleness < 0)
        {
            StalenessChecks.ThrowNegativeStaleness(staleness);
        }

        // exp(−λτ) may underflow to 0 for huge λτ; keep the documented (0, 1] range with the smallest positive double.
        double w = Math.Exp(-Lambda * staleness);
        return w > 0 ? w : double.Epsilon;
    }
}
