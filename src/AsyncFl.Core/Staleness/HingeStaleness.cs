namespace AsyncFl;

/// <summary>
/// FedAsync's hinge weighting, the <b>paper's</b> form: <c>s(τ) = 1</c> if <c>τ ≤ b</c>, else
/// <c>1 / (a·(τ − b) + 1)</c> (Xie et al. 2019; spec §2.1). FedLab computes <c>1/(a·((τ − b) + 1))</c> instead, which
/// gives 0.05 rather than 0.0909… at <c>a = 10, b = 4, τ = 5</c>; that formula is deliberately not used.
/// </summary>
internal sealed class HingeStaleness : IStalenessFunction
{
    /// <summary>Creates the function.</summary>
    /// <param name="a">The slope <c>a</c> ≥ 0 after the hinge (paper: 10).</param>
    /// <param name="b">The hinge point <c>b</c> ≥ 0 in versions (paper: 4).</param>
    public HingeStaleness(double a, long b)
    {
        StalenessChecks.RequireFiniteNonNegative(a, nameof(a));
        ArgumentOutOfRangeException.ThrowIfNegative(b);
        A = a;
        B = b;
    }

    /// <summary>The slope <c>a</c>.</summary>
    public double A { get; }

    /// <summary>The hinge point <c>b</c>.</summary>
    public long B { get; }

    /// <inheritdoc />
    public string Name => $"hinge(a={StalenessChecks.Format(A)},b={B})";

    /// <inheritdoc />
    public double Weight(long staleness)
    {
        if (staleness < 0)
        {
            StalenessChecks.ThrowNegativeStaleness(staleness);
        }

        return staleness <= B ? 1.0 : 1.0 / ((A * (staleness - B)) + 1.0);
    }
}
