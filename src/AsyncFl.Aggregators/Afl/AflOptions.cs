namespace AsyncFl.Aggregators;

/// <summary>
/// Options of the AFL aggregator, the seed paper's staleness-penalised weighted average (spec §1.3):
/// <c>ωᵢ = nᵢ · 1/(1 + β·τᵢ)</c> with β = 0.05, normalised by <c>Σ ω</c>, server SGD with η = 1, a round of 5 updates
/// (the paper's 5 clients per round), one contribution per client per round.
/// </summary>
public sealed class AflOptions : BufferedAggregatorOptions
{
    /// <summary>Creates options with the spec §1.3 defaults.</summary>
    public AflOptions()
    {
        BufferSize = 5;
        Staleness = StalenessFunctions.Inverse(0.05);
        ExampleWeighting = ExampleWeighting.Linear;
        Normalization = BufferNormalization.WeightSum;
    }

    /// <inheritdoc />
    public override IAggregator CreateAggregator(GlobalModel model)
    {
        Validate();
        return new AflAggregator(model, Clone());
    }

    internal AflOptions Clone() => (AflOptions)MemberwiseClone();
}
