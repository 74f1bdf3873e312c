using AsyncFl.Schedulers;

namespace AsyncFl;

/// <summary>Adds the MindFlayer scheduler to a <see cref="FederatedServerBuilder"/>.</summary>
public static class MindFlayerBuilderExtensions
{
    /// <summary>Uses MindFlayer SGD: per-round budgets of time-limited attempts; pair with an SGD aggregator that steps only on the flush (normaliser Σ pᵢBᵢ).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (validated; copied).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddMindFlayer(this FederatedServerBuilder builder, MindFlayerOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return builder.UseScheduler(options.CreateScheduler());
    }
}
