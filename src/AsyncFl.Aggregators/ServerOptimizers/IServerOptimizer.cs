using AsyncFl.Backends;

namespace AsyncFl.Aggregators;

/// <summary>
/// A server optimiser (FedOpt, Reddi et al. 2021; spec §5): turns one aggregated delta <c>Δ</c> (the <c>+Δ</c>
/// convention: the model should move towards <c>x + Δ</c>) into a change of the model. Holds per-parameter state
/// (momentum, second moments) allocated once. Not thread-safe: an aggregator calls it under its lock.
/// </summary>
public interface IServerOptimizer : IDisposable
{
    /// <summary>A short description with the parameters.</summary>
    string Name { get; }

    /// <summary>Applies one server step: <c>x ← x + step(Δ)</c>. <paramref name="delta"/> is only read.</summary>
    /// <param name="model">The model, updated in place.</param>
    /// <param name="delta">The aggregated delta.</param>
    void Step(ParameterVector model, ParameterVector delta);
}
