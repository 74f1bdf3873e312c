using AsyncFl.Aggregators;

namespace AsyncFl;

/// <summary>Adds the FedAvg aggregator to a <see cref="FederatedServerBuilder"/>.</summary>
public static class FedAvgBuilderExtensions
{
    /// <summary>Uses synchronous FedAvg as the aggregator.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (default: apply on flush, reject stale updates, η = 1).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddFedAvg(this FederatedServerBuilder builder, FedAvgOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var copy = (options ?? new FedAvgOptions()).Clone();
        copy.Validate();
        return builder.UseAggregator(copy.CreateAggregator);
    }
}
