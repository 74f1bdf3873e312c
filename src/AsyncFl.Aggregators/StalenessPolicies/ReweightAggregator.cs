namespace AsyncFl.Aggregators;

/// <summary>
/// The <i>reweight</i> staleness policy (spec §4.1, FLSim's <c>example_weight(n)·staleness_weight(τ)</c>): multiplies
/// <see cref="SubmitOptions.Weight"/> by <c>s(τ)·e(n)</c> and forwards to the wrapped aggregator, which scales the
/// update by its weight (FedAsync: <c>α_t</c>; FedBuff: <c>ω</c>; SGD: the step). Only the size of an update changes,
/// never its direction.
/// </summary>
internal sealed class ReweightAggregator : StalenessPolicyAggregator
{
    private readonly IStalenessFunction _staleness;
    private readonly ExampleWeighting _example;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The aggregator (owned).</param>
    /// <param name="options">The options.</param>
    public ReweightAggregator(IAggregator inner, ReweightOptions options)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _staleness = options.Staleness;
        _example = options.ExampleWeighting;
    }

    /// <inheritdoc />
    public override string Name => $"Reweight({Inner.Name}, {_staleness.Name}, {_example})";

    protected override RejectionReason Decide(ClientUpdate update, long staleness, ref SubmitOptions options)
    {
        if (update.SampleCount <= 0)
        {
            return RejectionReason.NonPositiveSampleCount;
        }

        double w = options.Weight * _staleness.Weight(staleness) * ExampleWeights.Of(_example, update.SampleCount);
        options = options with { Weight = w };
        return RejectionReason.None;
    }
}
