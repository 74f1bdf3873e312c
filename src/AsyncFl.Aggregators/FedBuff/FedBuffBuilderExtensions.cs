using AsyncFl.Aggregators;

namespace AsyncFl;

/// <summary>Adds the FedBuff aggregator to a <see cref="FederatedServerBuilder"/>.</summary>
public static class FedBuffBuilderExtensions
{
    /// <summary>Uses FedBuff as the aggregator.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (default: K = 10, <c>1/√(1 + τ)</c>, SGD η = 1).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddFedBuff(this FederatedServerBuilder builder, FedBuffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var copy = (options ?? new FedBuffOptions()).Clone();
        copy.Validate();
        return builder.UseAggregator(copy.CreateAggregator);
    }
}
