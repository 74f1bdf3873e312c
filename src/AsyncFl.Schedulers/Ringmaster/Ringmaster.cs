using System.Globalization;

namespace AsyncFl.Schedulers;

/// <summary>
/// Ringmaster ASGD (Maranjyan, Tyurin, Richtárik, ICML 2025, arXiv 2501.16168; spec schedulers.md §3): asynchronous
/// SGD on every worker that never applies a gradient whose delay reached the threshold R — discarded on arrival
/// (variant A) or the worker cancelled and restarted as soon as its delay reaches R (variant B). Optimal time
/// complexity without knowing the workers' speeds. A preset of the asynchronous family; pair it with an immediate
/// gradient aggregator (<c>SgdAggregator</c>, <c>BufferSize = 1</c>).
/// </summary>
public static class Ringmaster
{
    /// <summary>The asynchronous options of Ringmaster with threshold R.</summary>
    /// <param name="delayThreshold">R ≥ 1: gradients with delay ≥ R are never applied (<c>MaxStaleness = R − 1</c>);
    /// null means R = ∞, plain asynchronous SGD decision for decision. The theory's value is <c>max{1, ⌈σ²/ε⌉}</c>
    /// (<see cref="FromNoise"/>); the authors' tuned values are small (R = 6 for n = 6174).</param>
    /// <param name="variant">How R is enforced.</param>
    /// <param name="learningRate">The server step γ passed with every update (theory: <c>min{1/(2RL), ε/(4Lσ²)}</c>,
    /// <see cref="Theory.TimeComplexity.RingmasterStepSize"/>); null for the aggregator's own.</param>
    /// <returns>Options for <c>AddAsynchronous</c> (every worker busy); set <c>ActiveClients</c> or <c>LocalSteps</c> on them as needed.</returns>
    public static AsynchronousSchedulerOptions Options(int? delayThreshold, RingmasterVariant variant = RingmasterVariant.CancelAndRestart, double? learningRate = null)
    {
        if (delayThreshold is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(delayThreshold), delayThreshold, "The delay threshold R must be ≥ 1, or null for ∞.");
        }

        if (!Enum.IsDefined(variant))
        {
            throw new ArgumentOutOfRangeException(nameof(variant), variant, "Not a defined RingmasterVariant.");
        }

        string r = delayThreshold is { } v ? v.ToString(CultureInfo.InvariantCulture) : "∞";
        return new AsynchronousSchedulerOptions
        {
            Concurrency = null,
            MaxStaleness = delayThreshold - 1,
            CancelStaleTasks = variant == RingmasterVariant.CancelAndRestart && delayThreshold is not null,
            ServerLearningRate = learningRate is { } lr ? new ConstantLearningRate(lr) : null,
            Label = $"Ringmaster{(variant == RingmasterVariant.DiscardOnArrival ? "A" : "B")}(R={r})",
        };
    }

    /// <summary>Ringmaster with the theory's threshold <c>R = max{1, ⌈σ²/ε⌉}</c>.</summary>
    /// <param name="sigmaSquared">σ².</param>
    /// <param name="epsilon">ε.</param>
    /// <param name="variant">The variant.</param>
    /// <returns>The options.</returns>
    public static AsynchronousSchedulerOptions FromNoise(double sigmaSquared, double epsilon, RingmasterVariant variant = RingmasterVariant.CancelAndRestart) =>
        Options(Theory.TimeComplexity.NoiseBatch(sigmaSquared, epsilon), variant);
}
