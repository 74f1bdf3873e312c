using AsyncFl.Schedulers;

namespace AsyncFl;

/// <summary>Adds the Shadowheart scheduler to a <see cref="FederatedServerBuilder"/>.</summary>
public static class ShadowheartBuilderExtensions
{
    /// <summary>Uses Shadowheart SGD: compute and compressed-upload plans from the equilibrium time t*; pair with an SGD aggregator that steps only on the flush (normaliser Z).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (validated; copied).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddShadowheart(this FederatedServerBuilder builder, ShadowheartOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return builder.UseScheduler(options.CreateScheduler());
    }
}
