namespace AsyncFl.Backends;

/// <summary>Scalars of <see cref="IParameterBackend.AdaptiveStep"/>.</summary>
/// <param name="Rule">Second-moment rule.</param>
/// <param name="Beta1">First-moment decay β1 ∈ [0, 1).</param>
/// <param name="Beta2">Second-moment decay β2 ∈ [0, 1) (unused by Adagrad).</param>
/// <param name="LearningRate">Server learning rate η.</param>
/// <param name="Tau">Adaptivity τ &gt; 0 added to <c>sqrt(v̂)</c>.</param>
/// <param name="FirstMomentCorrection">Divisor <c>c1</c> applied to <c>m</c> (1 − β1^t with bias correction, else 1).</param>
/// <param name="SecondMomentCorrection">Divisor <c>c2</c> applied to <c>v</c> (1 − β2^t with bias correction, else 1).</param>
/// <remarks>The scalars are doubles so that a backend derives its float coefficients (<c>1 − β</c>, <c>1/c</c>) in
/// double precision and rounds each once: <c>1f − 0.99f</c> is off from <c>0.01</c> by ten times the rounding error
/// of <c>(float)(1 − 0.99)</c>.</remarks>
public readonly record struct AdaptiveStepParameters(
    AdaptiveRule Rule,
    double Beta1,
    double Beta2,
    double LearningRate,
    double Tau,
    double FirstMomentCorrection = 1.0,
    double SecondMomentCorrection = 1.0);
