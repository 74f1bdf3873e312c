using AsyncFl.Aggregators;

namespace AsyncFl;

/// <summary>Adds the server-SGD aggregator to a <see cref="FederatedServerBuilder"/>.</summary>
public static class SgdAggregatorBuilderExtensions
{
    /// <summary>Uses server-side (buffered) SGD as the aggregator.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (default: γ = 0.01, buffer 1, normalised by count).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddSgd(this FederatedServerBuilder builder, SgdAggregatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var copy = (options ?? new SgdAggregatorOptions()).Clone();
        copy.Validate();
        return builder.UseAggregator(copy.CreateAggregator);
    }
}
