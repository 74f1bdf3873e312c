using AsyncFl.Schedulers;

namespace AsyncFl;

/// <summary>Adds the Ata scheduler to a <see cref="FederatedServerBuilder"/>.</summary>
public static class AtaBuilderExtensions
{
    /// <summary>Uses ATA / ATA-Empirical: per-round task allocation from lower confidence bounds of the workers’ task times; pair with an SGD aggregator that steps on the flush with the mean.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (validated; copied).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddAta(this FederatedServerBuilder builder, AtaOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return builder.UseScheduler(options.CreateScheduler());
    }
}
