using System.Globalization;

namespace AsyncFl.Testing;

/// <summary>
/// A generated learning-rate schedule: its kind and parameters (<see cref="Arbitraries.LearningRates"/>). Shrinks
/// toward a constant rate.
/// </summary>
/// <param name="Kind">Which schedule.</param>
/// <param name="Rate">The base rate, &gt; 0.</param>
/// <param name="Concurrency">The delay-adaptive schedule's concurrency, ≥ 1.</param>
/// <param name="Alpha">The delay-aware schedule's α, &gt; 0.</param>
/// <param name="MaxDelay">The delay-aware schedule's configured maximum delay, &gt; 0.</param>
public sealed record LearningRateSpec(LearningRateKind Kind, double Rate, int Concurrency = 1, double Alpha = 0.01, double MaxDelay = 2)
{
    /// <summary>Creates the schedule.</summary>
    /// <returns>The schedule.</returns>
    public ILearningRateSchedule Create() => Kind switch
    {
        LearningRateKind.Constant => new ConstantLearningRate(Rate),
        LearningRateKind.DelayAdaptive => new DelayAdaptiveLearningRate(Rate, Concurrency),
        LearningRateKind.DelayAware => new DelayAwareLearningRate(Rate, Alpha, DelayMeasure.ObservedStaleness, MaxDelay),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown learning-rate kind."),
    };

    /// <inheritdoc />
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        return Kind switch
        {
            LearningRateKind.DelayAdaptive => $"DelayAdaptive(γ = {Rate.ToString("G4", c)}, n = {Concurrency})",
            LearningRateKind.DelayAware => $"DelayAware(γ = {Rate.ToString("G4", c)}, α = {Alpha.ToString("G4", c)}, D = {MaxDelay.ToString("G4", c)})",
            _ => $"Constant(γ = {Rate.ToString("G4", c)})",
        };
    }
}
