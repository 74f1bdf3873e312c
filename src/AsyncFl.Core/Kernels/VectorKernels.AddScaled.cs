using System.Runtime.Intrinsics;
using AsyncFl.Kernels.Drivers;

namespace AsyncFl.Kernels;

public static partial class VectorKernels
{
    /// <summary>
    /// The axpy: <c>x[i] = x[i] + w·y[i]</c> with one fused multiply-add, <c>x[i] = fma(w, y[i], x[i])</c>.
    /// </summary>
    /// <remarks>
    /// <c>w = 0</c> returns at once and leaves <paramref name="x"/> bit-identical (−0, NaN, and whatever
    /// <paramref name="y"/> holds, ±∞ and NaN included). Otherwise NaN in <c>x[i]</c> or <c>y[i]</c> gives NaN, and so does
    /// <c>x[i] + w·y[i] = ∞ − ∞</c>.
    /// </remarks>
    /// <param name="x">Updated in place.</param>
    /// <param name="y">Added; may be the very same memory as <paramref name="x"/>, and must not overlap it otherwise.</param>
    /// <param name="w">Finite weight.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the spans overlap without being the same memory.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="w"/> is not finite.</exception>
    public static unsafe void AddScaled(Span<float> x, ReadOnlySpan<float> y, float w)
    {
        CheckSameLength(x.Length, y.Length);
        CheckInPlaceOrDisjoint(x, y, nameof(x), nameof(y));
        CheckFinite(w, nameof(w));
        if (w == 0f)
        {
            return;
        }

        fixed (float* px = x)
        fixed (float* py = y)
        {
            BinaryDriver.Invoke<AddScaledOperator>(px, py, w, (nuint)x.Length);
        }
    }

    private readonly struct AddScaledOperator : IBinaryOperator
    {
        public static float Invoke(float x, float y, float w) => MathF.FusedMultiplyAdd(w, y, x);

        public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> w) => Vector128.FusedMultiplyAdd(w, y, x);

        public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> w) => Vector256.FusedMultiplyAdd(w, y, x);

        public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> w) => Vector512.FusedMultiplyAdd(w, y, x);
    }
}
