using AsyncFl.Backends;

namespace AsyncFl.Aggregators;

/// <summary>
/// A server optimiser that keeps the model and its own state finite (<see cref="FiniteGuard"/>): it tracks bounds on
/// its state and refuses a step it cannot show finite, before changing anything.
/// </summary>
internal interface IGuardedServerOptimizer : IServerOptimizer
{
    /// <summary>
    /// <c>x ← x + step(s·Δ)</c> kept finite: in place when the tracked bounds show the results finite, else computed on
    /// copies and committed only when every element of the model and of the optimiser's state is finite; otherwise
    /// nothing changes and the result is false.
    /// </summary>
    /// <param name="model">The model, updated in place.</param>
    /// <param name="delta">The aggregated delta (the aggregator's buffer: it may be scaled in place).</param>
    /// <param name="deltaScale">The factor <c>s</c>.</param>
    /// <param name="deltaBound">A bound on <c>|Δ|</c>.</param>
    /// <param name="modelBound">A bound on <c>|x|</c>, updated.</param>
    /// <param name="guard">The aggregator's guard (its scratch vector holds the checked model).</param>
    /// <returns>Whether the step was taken.</returns>
    bool TryStep(ParameterVector model, ParameterVector delta, double deltaScale, double deltaBound, ref double modelBound, FiniteGuard guard);
}
