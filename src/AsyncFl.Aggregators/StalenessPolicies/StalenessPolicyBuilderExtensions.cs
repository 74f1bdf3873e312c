using AsyncFl.Aggregators;

namespace AsyncFl;

/// <summary>Wraps the builder's aggregator in a staleness policy. Call after the <c>AddXxx</c> that sets the aggregator.</summary>
public static class StalenessPolicyBuilderExtensions
{
    /// <summary>Rejects updates with τ &gt; τ_max before they reach the aggregator.</summary>
    /// <param name="builder">The builder (with an aggregator already set).</param>
    /// <param name="options">The options (default τ_max = 10).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddRejectStalePolicy(this FederatedServerBuilder builder, RejectStaleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var inner = builder.AggregatorFactory ?? throw new InvalidOperationException("Set an aggregator (e.g. AddFedBuff) before adding a staleness policy.");
        var o = options ?? new RejectStaleOptions();
        o.Validate();
        var copy = new RejectStaleOptions { MaxStaleness = o.MaxStaleness };
        return builder.UseAggregator(model => copy.Wrap(inner(model)));
    }

    /// <summary>Multiplies each update's weight by <c>s(τ)·e(n)</c>.</summary>
    /// <param name="builder">The builder (with an aggregator already set).</param>
    /// <param name="options">The options (default <c>1/√(1 + τ)</c>, equal example weights).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddReweightPolicy(this FederatedServerBuilder builder, ReweightOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var inner = builder.AggregatorFactory ?? throw new InvalidOperationException("Set an aggregator (e.g. AddFedBuff) before adding a staleness policy.");
        var o = options ?? new ReweightOptions();
        o.Validate();
        var copy = new ReweightOptions { Staleness = o.Staleness, ExampleWeighting = o.ExampleWeighting };
        return builder.UseAggregator(model => copy.Wrap(inner(model)));
    }
}
