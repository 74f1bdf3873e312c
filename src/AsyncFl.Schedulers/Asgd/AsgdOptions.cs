namespace AsyncFl.Schedulers;

/// <summary>
/// Options of asynchronous SGD (spec schedulers.md §1): every active worker computes a gradient at the current
/// model, every arriving gradient is applied at once (pair with <c>SgdAggregator</c>, <c>BufferSize = 1</c>).
/// </summary>
public sealed class AsgdOptions
{
    /// <summary>
    /// The server step γ passed with every update (delay-adaptive: the base γ); NaN uses the aggregator's own
    /// learning rate (not allowed with <see cref="DelayAdaptive"/>).
    /// </summary>
    /// <value>The default value is <see cref="double.NaN"/>.</value>
    public double LearningRate { get; set; } = double.NaN;

    /// <summary>
    /// Delay-adaptive steps <c>γ_k = γ·M/max(M, δ_k)</c> (Mishchenko, Bach, Even, Woodworth 2022): full step for
    /// delays up to M, shrunk ∝ 1/δ beyond.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool DelayAdaptive { get; set; }

    /// <summary>M of the delay-adaptive rule; null for the number of active workers.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? Concurrency { get; set; }

    /// <summary>
    /// The workers that take part; null for all. Naive optimal ASGD uses the m* fastest
    /// (see <see cref="NaiveOptimal"/>).
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyList<int>? ActiveClients { get; set; }

    /// <summary>
    /// Discard gradients whose delay exceeds this many updates (Tyurin's ASGD baseline drops delays &gt; n); null keeps
    /// everything.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public long? MaxDelay { get; set; }

    /// <summary>Local work per task (stochastic gradients, as the workload interprets it).</summary>
    /// <value>The default value is 1.</value>
    public int LocalSteps { get; set; } = 1;

    /// <summary>
    /// Naive optimal ASGD (Ringmaster paper, spec §1.3): ASGD on the m* fastest workers, with
    /// <c>m* = argmin_m (Σ_{i≤m} 1/τ_i)^{-1}(m + S)</c>. Needs the workers' times; breaks when speeds change.
    /// </summary>
    /// <param name="secondsPerGradient">τ_i per client (index = client id).</param>
    /// <param name="noiseBatch">S = σ²/ε.</param>
    /// <param name="learningRate">γ (NaN for the aggregator's own).</param>
    /// <returns>The options.</returns>
    public static AsgdOptions NaiveOptimal(IReadOnlyList<double> secondsPerGradient, double noiseBatch, double learningRate = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(secondsPerGradient);
        double[] tau = [.. secondsPerGradient];
        var (_, m) = Theory.CollectionTime.Bound(tau, noiseBatch);
        int[] ids = Enumerable.Range(0, tau.Length).OrderBy(i => tau[i]).ThenBy(i => i).Take(m).ToArray();
        return new AsgdOptions { ActiveClients = ids, LearningRate = learningRate };
    }

    internal void Validate()
    {
        var e = new OptionErrors(nameof(AsgdOptions));
        e.LearningRate(LearningRate, nameof(LearningRate), allowNaN: !DelayAdaptive);
        e.Require(Concurrency is null or >= 1, $"{nameof(Concurrency)} must be ≥ 1 or null (got {Concurrency}).");
        e.Require(MaxDelay is null or >= 0, $"{nameof(MaxDelay)} must be ≥ 0 or null (got {MaxDelay}).");
        e.AtLeastOne(LocalSteps, nameof(LocalSteps));
        e.Clients(ActiveClients, nameof(ActiveClients));
        e.ThrowIfAny();
    }
}
