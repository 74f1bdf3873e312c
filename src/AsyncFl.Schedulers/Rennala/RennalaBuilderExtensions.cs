using AsyncFl.Schedulers;

namespace AsyncFl;

/// <summary>Adds the Rennala scheduler to a <see cref="FederatedServerBuilder"/>.</summary>
public static class RennalaBuilderExtensions
{
    /// <summary>Uses Rennala SGD: synchronous updates from asynchronously collected fresh gradients (S per step).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (validated; copied).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddRennala(this FederatedServerBuilder builder, RennalaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseScheduler((options ?? new RennalaOptions()).CreateScheduler());
    }
}
