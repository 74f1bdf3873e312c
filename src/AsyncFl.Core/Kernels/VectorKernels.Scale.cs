using System.Runtime.Intrinsics;
using AsyncFl.Kernels.Drivers;

namespace AsyncFl.Kernels;

public static partial class VectorKernels
{
    /// <summary><c>x[i] = x[i]·s</c>, one IEEE multiplication per element.</summary>
    /// <remarks>
    /// NaN elements stay NaN; ±∞ times <c>s = 0</c> gives NaN (so <c>Scale(x, 0)</c> does not clear non-finite
    /// elements); signs of zeros follow the product (<c>−0·s</c> with <c>s &gt; 0</c> stays −0).
    /// </remarks>
    /// <param name="x">Scaled in place.</param>
    /// <param name="s">Finite factor.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="s"/> is not finite.</exception>
    public static unsafe void Scale(Span<float> x, float s)
    {
        CheckFinite(s, nameof(s));

        fixed (float* px = x)
        {
            UnaryDriver.Invoke<ScaleOperator>(px, px, s, (nuint)x.Length);
        }
    }

    private readonly struct ScaleOperator : IUnaryOperator
    {
        public static float Invoke(float x, float s) => x * s;

        public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> s) => x * s;

        public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> s) => x * s;

        public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> s) => x * s;
    }
}
