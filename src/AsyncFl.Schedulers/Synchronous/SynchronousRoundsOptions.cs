using AsyncFl.Sampling;

namespace AsyncFl.Schedulers;

/// <summary>
/// Options of synchronous rounds (minibatch SGD / FedAvg baseline): each round samples clients (all by default),
/// dispatches one task to each, waits for every task to end and steps once with the mean.
/// </summary>
public sealed class SynchronousRoundsOptions
{
    /// <summary>Clients per round; null for all clients.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? ClientsPerRound { get; set; }

    /// <summary>The sampler for partial participation; null for uniform without replacement.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IClientSampler? Sampler { get; set; }

    /// <summary>Local work per task.</summary>
    /// <value>The default value is 1.</value>
    public int LocalSteps { get; set; } = 1;

    /// <summary>A round deadline: each task's time limit; +∞ for none.</summary>
    /// <value>The default value is +∞.</value>
    public double TimeLimitSeconds { get; set; } = double.PositiveInfinity;

    /// <summary>The server step; NaN uses the aggregator's own.</summary>
    /// <value>The default value is <see cref="double.NaN"/>.</value>
    public double LearningRate { get; set; } = double.NaN;
}

/// <summary>Synchronous rounds: cohort squeeze with one local round per cohort and (by default) the whole population as cohort.</summary>
public static class SynchronousRounds
{
    /// <summary>Creates the scheduler.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The scheduler.</returns>
    public static CohortSqueezeScheduler Create(SynchronousRoundsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int m = options.ClientsPerRound ?? int.MaxValue;
        var cohort = new CohortSqueezeOptions
        {
            CohortSize = m,
            LocalRounds = 1,
            Sampler = options.Sampler,
            LocalSteps = options.LocalSteps,
            TimeLimitSeconds = options.TimeLimitSeconds,
            LearningRate = options.LearningRate,
        };
        return new CohortSqueezeScheduler(cohort, options.ClientsPerRound is int k ? $"SyncRounds(m={k})" : "SyncRounds(all)");
    }
}
