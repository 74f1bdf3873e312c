using AsyncFl.Scheduling;

namespace AsyncFl;

/// <summary>Adds the baseline schedulers (asynchronous, synchronous rounds) to a <see cref="FederatedServerBuilder"/>.</summary>
public static class BaselineSchedulerBuilderExtensions
{
    /// <summary>Uses <see cref="AsynchronousScheduler"/>: C tasks in flight, every result accepted at once.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options; null for the defaults.</param>
    public static FederatedServerBuilder AddAsynchronous(this FederatedServerBuilder builder, AsynchronousSchedulerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseScheduler(new AsynchronousScheduler(options ?? new AsynchronousSchedulerOptions()));
    }

    /// <summary>Uses <see cref="SynchronousRoundsScheduler"/>: FedAvg rounds of m clients, one flush per round.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options; null for the defaults.</param>
    public static FederatedServerBuilder AddSynchronousRounds(this FederatedServerBuilder builder, SynchronousRoundsSchedulerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseScheduler(new SynchronousRoundsScheduler(options ?? new SynchronousRoundsSchedulerOptions()));
    }
}
