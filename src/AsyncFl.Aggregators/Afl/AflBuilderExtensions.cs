using AsyncFl.Aggregators;

namespace AsyncFl;

/// <summary>Adds the AFL aggregator to a <see cref="FederatedServerBuilder"/>.</summary>
public static class AflBuilderExtensions
{
    /// <summary>Uses the seed paper's staleness-penalised weighted average as the aggregator.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (default: round of 5, <c>nᵢ/(1 + 0.05τᵢ)</c> normalised).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddAfl(this FederatedServerBuilder builder, AflOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var copy = (options ?? new AflOptions()).Clone();
        copy.Validate();
        return builder.UseAggregator(copy.CreateAggregator);
    }
}
