using AsyncFl.Schedulers;

namespace AsyncFl;

/// <summary>Adds the asynchronous scheduler family to a <see cref="FederatedServerBuilder"/>.</summary>
public static class AsynchronousBuilderExtensions
{
    /// <summary>
    /// Uses the asynchronous scheduler: tasks kept in flight, every result judged on arrival. The defaults keep 10
    /// clients busy and accept everything (FedAsync, FedBuff); <see cref="Asgd"/> and <see cref="Ringmaster"/> give
    /// the options of asynchronous SGD and Ringmaster ASGD.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (validated; copied); null for the defaults.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddAsynchronous(this FederatedServerBuilder builder, AsynchronousSchedulerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseScheduler((options ?? new AsynchronousSchedulerOptions()).CreateScheduler());
    }
}
