namespace AsyncFl.Backends;

/// <summary>
/// The small set of vector operations every AsyncFl algorithm is written against. Implementations: the CPU
/// backend (<see cref="CpuParameterBackend"/>, SIMD kernels on native float memory) and the TorchSharp backend
/// (package <c>AsyncFl.Torch</c>, tensors on CPU or CUDA). Both give the same numbers within float tolerance.
/// </summary>
/// <remarks>
/// <para>Every operand must have been created by this backend and have the same length, otherwise
/// <see cref="ArgumentException"/> is thrown. Scalars must be finite (<see cref="ArgumentOutOfRangeException"/>
/// otherwise). In-place use (the destination is also an input) is allowed everywhere, except that
/// <see cref="AdaptiveStep"/>'s three state vectors x, m and v must be different vectors (its delta may be any of
/// them).</para>
/// <para>No operation allocates on the managed heap in steady state.</para>
/// </remarks>
public interface IParameterBackend
{
    /// <summary>A short description, e.g. <c>"cpu (Vector512)"</c> or <c>"torch (cuda:0)"</c>.</summary>
    string Name { get; }

    /// <summary>Allocates a zero-filled vector of <paramref name="length"/> elements.</summary>
    /// <param name="length">Number of elements.</param>
    ParameterVector Allocate(int length);

    /// <summary>Sets every element of <paramref name="x"/> to <paramref name="value"/>.</summary>
    /// <param name="x">The vector.</param>
    /// <param name="value">The value.</param>
    void Fill(ParameterVector x, float value);

    /// <summary><c>destination[i] = source[i]</c>.</summary>
    /// <param name="source">The vector to read.</param>
    /// <param name="destination">The vector to write.</param>
    void Copy(ParameterVector source, ParameterVector destination);

    /// <summary>The mix (FedAsync, lerp): <c>x[i] = (1 − a)·x[i] + a·y[i]</c>. <c>a = 0</c> leaves <c>x</c>
    /// bit-identical; <c>a = 1</c> makes it bit-identical to <c>y</c>.</summary>
    /// <param name="x">Mixed in place.</param>
    /// <param name="y">The vector mixed in.</param>
    /// <param name="a">The mixing weight, finite.</param>
    void Mix(ParameterVector x, ParameterVector y, float a);

    /// <summary><c>x[i] = x[i] + w·y[i]</c> (axpy).</summary>
    /// <param name="x">Updated in place.</param>
    /// <param name="y">The vector added.</param>
    /// <param name="w">The weight, finite.</param>
    void AddScaled(ParameterVector x, ParameterVector y, float w);

    /// <summary><c>x[i] = s·x[i]</c>.</summary>
    /// <param name="x">Scaled in place.</param>
    /// <param name="s">The factor, finite.</param>
    void Scale(ParameterVector x, float s);

    /// <summary><c>Σ x[i]·y[i]</c>, accumulated in at least single precision.</summary>
    /// <param name="x">First vector.</param>
    /// <param name="y">Second vector.</param>
    double Dot(ParameterVector x, ParameterVector y);

    /// <summary><c>Σ x[i]²</c>.</summary>
    /// <param name="x">The vector.</param>
    double SquaredNorm(ParameterVector x);

    /// <summary>
    /// <c>destination[i] = Σ_k weights[k]·inputs[k][i]</c> in one pass over memory (the destination may be one of
    /// the inputs only if it is <c>inputs[0]</c>).
    /// </summary>
    /// <param name="inputs">The K vectors.</param>
    /// <param name="weights">K finite weights.</param>
    /// <param name="destination">Where the sum is written.</param>
    void WeightedSum(ReadOnlySpan<ParameterVector> inputs, ReadOnlySpan<float> weights, ParameterVector destination);

    /// <summary>Whether every element is finite (no NaN, no ±∞).</summary>
    /// <param name="x">The vector.</param>
    bool IsAllFinite(ParameterVector x);

    /// <summary>
    /// <c>max_i |x[i]|</c> in one pass: +∞ when an element is ±∞, NaN when one is NaN (so the result is finite exactly
    /// when every element is), 0 for an empty vector. Aggregators validate payloads with it and bound what they write.
    /// </summary>
    /// <param name="x">The vector.</param>
    /// <returns>The largest magnitude.</returns>
    double MaxMagnitude(ParameterVector x);

    /// <summary>
    /// One element-wise FedOpt server step (Reddi et al., Algorithm 2) with the aggregated delta <c>Δ</c>
    /// (<c>+Δ</c> convention): <c>m = β1·m + (1 − β1)·Δ</c>; <c>v</c> per <see cref="AdaptiveStepParameters.Rule"/>;
    /// <c>x = x + η·m̂ / (sqrt(v̂) + τ)</c> with <c>m̂ = m/c1</c>, <c>v̂ = v/c2</c> (bias-correction divisors,
    /// 1 when off).
    /// </summary>
    /// <param name="x">The model, updated in place.</param>
    /// <param name="m">First moment, updated in place.</param>
    /// <param name="v">Second moment, updated in place.</param>
    /// <param name="delta">The aggregated delta (may be the same vector as x, m or v).</param>
    /// <param name="parameters">The rule and its scalars.</param>
    /// <exception cref="ArgumentException">x, m and v are not three different vectors.</exception>
    void AdaptiveStep(ParameterVector x, ParameterVector m, ParameterVector v, ParameterVector delta, in AdaptiveStepParameters parameters);

    /// <summary>
    /// DC-ASGD delay compensation in the <c>+Δ</c> convention (Zheng et al. 2017, adapted to deltas):
    /// <c>delta[i] = delta[i] − λ·delta[i]·delta[i]·(current[i] − baseModel[i])</c>.
    /// </summary>
    /// <param name="delta">The update, compensated in place.</param>
    /// <param name="current">The server's model now.</param>
    /// <param name="baseModel">The model the update was computed from.</param>
    /// <param name="lambda">The compensation strength λ ≥ 0.</param>
    void DelayCompensate(ParameterVector delta, ParameterVector current, ParameterVector baseModel, float lambda);
}
