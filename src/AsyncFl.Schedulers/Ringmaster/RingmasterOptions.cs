namespace AsyncFl.Schedulers;

/// <summary>How Ringmaster enforces its delay threshold R.</summary>
public enum RingmasterVariant
{
    /// <summary>Variant A: a gradient that arrives with delay ≥ R is discarded; workers are never stopped.</summary>
    DiscardOnArrival = 0,

    /// <summary>
    /// Variant B: after each accepted update, every busy worker whose delay reached R is cancelled and restarted at
    /// the current model, so no gradient with delay ≥ R is ever applied and no compute is wasted finishing one.
    /// </summary>
    CancelAndRestart = 1,
}

/// <summary>
/// Options of Ringmaster ASGD (Maranjyan, Tyurin, Richtárik, ICML 2025, arXiv 2501.16168; spec schedulers.md §3):
/// asynchronous SGD with a delay threshold R. Pair with <c>SgdAggregator</c>, <c>BufferSize = 1</c>.
/// </summary>
public sealed class RingmasterOptions
{
    /// <summary>
    /// The delay threshold R ≥ 1: gradients with delay ≥ R are never applied. Null means R = ∞ (plain ASGD, decision
    /// for decision). The theory's value is <c>R = max{1, ⌈σ²/ε⌉}</c> (<see cref="FromNoise"/>); the authors' tuned
    /// values are small (R = 6 for n = 6174).
    /// </summary>
    /// <value>The default value is <see langword="null"/> (∞).</value>
    public int? DelayThreshold { get; set; }

    /// <summary>How the threshold is enforced.</summary>
    /// <value>The default value is <see cref="RingmasterVariant.CancelAndRestart"/>.</value>
    public RingmasterVariant Variant { get; set; } = RingmasterVariant.CancelAndRestart;

    /// <summary>The server step γ passed with every update; NaN uses the aggregator's own. Theory:
    /// <c>γ = min{1/(2RL), ε/(4Lσ²)}</c> [recall] (<see cref="Theory.TimeComplexity.RingmasterStepSize"/>).</summary>
    /// <value>The default value is <see cref="double.NaN"/>.</value>
    public double LearningRate { get; set; } = double.NaN;

    /// <summary>The workers that take part; null for all (Ringmaster needs no knowledge of their speeds).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyList<int>? ActiveClients { get; set; }

    /// <summary>Local work per task.</summary>
    /// <value>The default value is 1.</value>
    public int LocalSteps { get; set; } = 1;

    /// <summary>Options with the theory's threshold <c>R = max{1, ⌈σ²/ε⌉}</c>.</summary>
    /// <param name="sigmaSquared">σ².</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="variant">The variant.</param>
    /// <returns>The options.</returns>
    public static RingmasterOptions FromNoise(double sigmaSquared, double epsilon, RingmasterVariant variant = RingmasterVariant.CancelAndRestart) =>
        new() { DelayThreshold = Theory.TimeComplexity.NoiseBatch(sigmaSquared, epsilon), Variant = variant };

    internal void Validate()
    {
        var e = new OptionErrors(nameof(RingmasterOptions));
        e.Require(DelayThreshold is null or >= 1, $"{nameof(DelayThreshold)} must be ≥ 1 or null for ∞ (got {DelayThreshold}).");
        e.Defined(Variant, nameof(Variant));
        e.LearningRate(LearningRate, nameof(LearningRate));
        e.AtLeastOne(LocalSteps, nameof(LocalSteps));
        e.Clients(ActiveClients, nameof(ActiveClients));
        e.ThrowIfAny();
    }
}
