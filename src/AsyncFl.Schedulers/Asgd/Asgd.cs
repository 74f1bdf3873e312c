namespace AsyncFl.Schedulers;

/// <summary>
/// Asynchronous SGD (spec schedulers.md §1): every active worker computes a gradient at the current model and every
/// arriving gradient is applied at once — vanilla, delay-adaptive (Mishchenko, Bach, Even, Woodworth 2022) or naive
/// optimal (only the m* fastest workers, Ringmaster paper §1.3). Presets of the asynchronous family; pair them with an
/// immediate gradient aggregator (<c>SgdAggregator</c>, <c>BufferSize = 1</c>).
/// </summary>
public static class Asgd
{
    /// <summary>Vanilla asynchronous SGD on every worker (or <paramref name="activeClients"/>).</summary>
    /// <param name="learningRate">The server step γ passed with every gradient; null for the aggregator's own.</param>
    /// <param name="activeClients">The workers that take part; null for all.</param>
    /// <param name="maxDelay">Discard gradients whose delay exceeds this many updates (Tyurin's ASGD baseline drops
    /// delays &gt; n); null keeps everything.</param>
    /// <returns>Options for <c>AddAsynchronous</c>.</returns>
    public static AsynchronousSchedulerOptions Options(double? learningRate = null, IReadOnlyList<int>? activeClients = null, long? maxDelay = null) => new()
    {
        Concurrency = null,
        ActiveClients = activeClients,
        MaxStaleness = maxDelay,
        ServerLearningRate = learningRate is { } lr ? new ConstantLearningRate(lr) : null,
        Label = activeClients is null ? "ASGD" : $"ASGD(m={activeClients.Count})",
    };

    /// <summary>
    /// Delay-adaptive asynchronous SGD: <c>γ_k = γ·M/max(M, δ_k)</c> (<see cref="DelayAdaptiveLearningRate"/>) — the
    /// full step for delays up to M, shrunk ∝ 1/δ beyond.
    /// </summary>
    /// <param name="learningRate">The base step γ.</param>
    /// <param name="concurrency">M; null for the number of workers kept busy.</param>
    /// <returns>Options for <c>AddAsynchronous</c>.</returns>
    public static AsynchronousSchedulerOptions DelayAdaptive(double learningRate, int? concurrency = null)
    {
        var schedule = new DelayAdaptiveLearningRate(learningRate);
        return new AsynchronousSchedulerOptions
        {
            Concurrency = null,
            ServerLearningRate = concurrency is { } m ? new FixedConcurrencySchedule(schedule, m) : schedule,
            Label = "DelayAdaptiveASGD",
        };
    }

    /// <summary>
    /// Naive optimal asynchronous SGD: vanilla ASGD on the m* fastest workers, with
    /// <c>m* = argmin_m (Σ_{i≤m} 1/τ_i)^{-1}(m + S)</c>. Needs the workers' times; breaks when speeds change.
    /// </summary>
    /// <param name="secondsPerGradient">τ_i per client (index = client id).</param>
    /// <param name="noiseBatch">S = σ²/ε.</param>
    /// <param name="learningRate">γ; null for the aggregator's own.</param>
    /// <returns>Options for <c>AddAsynchronous</c>.</returns>
    public static AsynchronousSchedulerOptions NaiveOptimal(IReadOnlyList<double> secondsPerGradient, double noiseBatch, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(secondsPerGradient);
        double[] tau = [.. secondsPerGradient];
        var (_, m) = Theory.CollectionTime.Bound(tau, noiseBatch);
        int[] ids = Enumerable.Range(0, tau.Length).OrderBy(i => tau[i]).ThenBy(i => i).Take(m).ToArray();
        return Options(learningRate, ids);
    }
}
