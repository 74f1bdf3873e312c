namespace AsyncFl;

/// <summary><c>s(τ) = 1</c> for every τ ≥ 0 (FedAsync "constant", FLSim <c>ConstantStalenessWeight</c>).</summary>
internal sealed class ConstantStaleness : IStalenessFunction
{
    /// <summary>The shared instance.</summary>
    public static ConstantStaleness Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "constant";

    /// <inheritdoc />
    public double Weight(long staleness)
    {
        if (staleness < 0)
        {
            StalenessChecks.ThrowNegativeStaleness(staleness);
        }

        return 1.0;
    }
}
