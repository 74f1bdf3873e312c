using System.Runtime.Intrinsics;
using AsyncFl.Kernels.Drivers;

namespace AsyncFl.Kernels;

public static partial class VectorKernels
{
    /// <summary>
    /// DC-ASGD delay compensation in the +Δ convention:
    /// <c>delta[i] = delta[i] − ((λ·delta[i])·delta[i])·(current[i] − baseModel[i])</c>, evaluated in this order
    /// without fused operations.
    /// </summary>
    /// <remarks>
    /// A NaN in any operand gives NaN; infinities follow IEEE arithmetic of the formula (e.g. an infinite
    /// <c>current[i]</c> with <c>λ = 0</c> or <c>delta[i] = 0</c> gives NaN from ∞·0).
    /// </remarks>
    /// <param name="delta">Compensated in place; may be the very same memory as <paramref name="current"/> or <paramref name="baseModel"/>, and must not overlap either otherwise.</param>
    /// <param name="current">Server model now.</param>
    /// <param name="baseModel">The update's base model; may overlap <paramref name="current"/>.</param>
    /// <param name="lambda">Finite λ ≥ 0.</param>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="delta"/> overlaps an input without being the same memory.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is negative or not finite.</exception>
    public static unsafe void DelayCompensate(Span<float> delta, ReadOnlySpan<float> current, ReadOnlySpan<float> baseModel, float lambda)
    {
        CheckSameLength(delta.Length, current.Length);
        CheckSameLength(delta.Length, baseModel.Length);
        CheckInPlaceOrDisjoint(delta, current, nameof(delta), nameof(current));
        CheckInPlaceOrDisjoint(delta, baseModel, nameof(delta), nameof(baseModel));
        CheckFinite(lambda, nameof(lambda));
        if (lambda < 0f)
        {
            ThrowNegative(lambda, nameof(lambda));
        }

        fixed (float* pd = delta)
        fixed (float* pc = current)
        fixed (float* pb = baseModel)
        {
            TernaryDriver.Invoke<DelayCompensateOperator>(pd, pc, pb, lambda, (nuint)delta.Length);
        }
    }

    private readonly struct DelayCompensateOperator : ITernaryOperator
    {
        public static float Invoke(float d, float c, float b, float l) => d - (l * d * d * (c - b));

        public static Vector128<float> Invoke(Vector128<float> d, Vector128<float> c, Vector128<float> b, Vector128<float> l) => d - (l * d * d * (c - b));

        public static Vector256<float> Invoke(Vector256<float> d, Vector256<float> c, Vector256<float> b, Vector256<float> l) => d - (l * d * d * (c - b));

        public static Vector512<float> Invoke(Vector512<float> d, Vector512<float> c, Vector512<float> b, Vector512<float> l) => d - (l * d * d * (c - b));
    }
}
