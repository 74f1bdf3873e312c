using AsyncFl.Aggregators;

namespace AsyncFl;

/// <summary>Adds the version-aware aggregator to a <see cref="FederatedServerBuilder"/>.</summary>
public static class VersionAwareBuilderExtensions
{
    /// <summary>Uses version-aware aggregation as the aggregator.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (default: K = 10, 8 snapshots, no DC compensation).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddVersionAware(this FederatedServerBuilder builder, VersionAwareOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var copy = (options ?? new VersionAwareOptions()).Clone();
        copy.Validate();
        return builder.UseAggregator(copy.CreateAggregator);
    }
}
