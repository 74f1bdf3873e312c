using System.Runtime.Intrinsics;
using AsyncFl.Kernels.Drivers;

namespace AsyncFl.Kernels;

public static partial class VectorKernels
{
    /// <summary>
    /// The mix (lerp): <c>x[i] = x[i] + a·(y[i] − x[i])</c> computed with one fused multiply-add,
    /// <c>x[i] = fma(a, y[i] − x[i], x[i])</c>, i.e. <c>(1 − a)·x[i] + a·y[i]</c>.
    /// </summary>
    /// <remarks>
    /// <c>a = 0</c> returns at once: <paramref name="x"/> stays bit-identical, whatever <paramref name="y"/> holds;
    /// <c>a = 1</c> copies <paramref name="y"/> into <paramref name="x"/> bit for bit (NaN payloads included). For
    /// <c>a</c> in [0, 1] every result lies between <c>x[i]</c> and <c>y[i]</c> (inclusive) as long as
    /// <c>y[i] − x[i]</c> does not overflow <see cref="float"/> (|x|, |y| ≤ float.MaxValue / 2 suffices): the rounded
    /// difference times <c>a &lt; 1</c> is below the exact difference, and the single rounding of the FMA is
    /// monotonic. For other <c>a</c>, a NaN in <c>x[i]</c> or <c>y[i]</c> gives NaN, and infinities follow the IEEE
    /// arithmetic of the formula (e.g. <c>x[i] = +∞</c> with <c>0 &lt; a &lt; 1</c> gives NaN).
    /// </remarks>
    /// <param name="x">Mixed in place.</param>
    /// <param name="y">Mixed in; may be the very same memory as <paramref name="x"/>, and must not overlap it otherwise.</param>
    /// <param name="a">Finite weight.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the spans overlap without being the same memory.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="a"/> is not finite.</exception>
    public static unsafe void Mix(Span<float> x, ReadOnlySpan<float> y, float a)
    {
        CheckSameLength(x.Length, y.Length);
        CheckInPlaceOrDisjoint(x, y, nameof(x), nameof(y));
        CheckFinite(a, nameof(a));
        if (a == 0f)
        {
            return;
        }

        if (a == 1f)
        {
            y.CopyTo(x);
            return;
        }

        fixed (float* px = x)
        fixed (float* py = y)
        {
            BinaryDriver.Invoke<MixOperator>(px, py, a, (nuint)x.Length);
        }
    }

    private readonly struct MixOperator : IBinaryOperator
    {
        public static float Invoke(float x, float y, float a) => MathF.FusedMultiplyAdd(a, y - x, x);

        public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> a) => Vector128.FusedMultiplyAdd(a, y - x, x);

        public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> a) => Vector256.FusedMultiplyAdd(a, y - x, x);

        public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> a) => Vector512.FusedMultiplyAdd(a, y - x, x);
    }
}
