using AsyncFl.Aggregators;

namespace AsyncFl;

/// <summary>Adds the CA²FL aggregator to a <see cref="FederatedServerBuilder"/>.</summary>
public static class Ca2FlBuilderExtensions
{
    /// <summary>Uses CA²FL (FedBuff calibrated with cached per-client updates) as the aggregator.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options; <see cref="AggregatorOptions.ClientCount"/> must be set.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddCa2Fl(this FederatedServerBuilder builder, Ca2FlOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        copy.Validate();
        return builder.UseAggregator(copy.CreateAggregator);
    }
}
