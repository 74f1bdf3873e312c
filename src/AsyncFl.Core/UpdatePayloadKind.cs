namespace AsyncFl;

/// <summary>What the vector carried by a <see cref="ClientUpdate"/> means.</summary>
public enum UpdatePayloadKind
{
    /// <summary><c>Δ = w_end − w_base</c>: the model moves by <c>+Δ</c> (the seed paper's and RAFL's convention).</summary>
    ModelDelta = 0,

    /// <summary><c>g = w_base − w_end = −Δ</c>: FedBuff / FLSim / FedOpt convention; a server optimiser steps against it.</summary>
    PseudoGradient = 1,

    /// <summary>The client's full model weights <c>w_end</c> (FedAvg, FedAsync model mixing).</summary>
    Weights = 2,

    /// <summary>A (stochastic) gradient evaluated at the base model; the server applies <c>x ← x − γ·g</c> (ASGD family).</summary>
    Gradient = 3,
}
