using AsyncFl.Aggregators;

namespace AsyncFl;

/// <summary>Adds the FedAsync aggregator to a <see cref="FederatedServerBuilder"/>.</summary>
public static class FedAsyncBuilderExtensions
{
    /// <summary>Uses FedAsync as the aggregator.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (default: α = 0.6, polynomial a = 0.5).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddFedAsync(this FederatedServerBuilder builder, FedAsyncOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var copy = (options ?? new FedAsyncOptions()).Clone();
        copy.Validate();
        return builder.UseAggregator(copy.CreateAggregator);
    }
}
