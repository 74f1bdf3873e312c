using AsyncFl.Schedulers;

namespace AsyncFl;

/// <summary>Adds the synchronous scheduler family to a <see cref="FederatedServerBuilder"/>.</summary>
public static class SynchronousRoundsBuilderExtensions
{
    /// <summary>
    /// Uses synchronous rounds: a cohort works from the same model, one server step per round. The defaults run
    /// every client every round with the aggregator's own normalisation (FedAvg with a buffering aggregator);
    /// <see cref="CohortSqueeze"/> gives the options of cohort squeeze and minibatch SGD.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (validated; copied); null for the defaults.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddSynchronousRounds(this FederatedServerBuilder builder, SynchronousRoundsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseScheduler((options ?? new SynchronousRoundsOptions()).CreateScheduler());
    }
}
