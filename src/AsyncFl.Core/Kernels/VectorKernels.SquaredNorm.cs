using System.Runtime.Intrinsics;
using AsyncFl.Kernels.Drivers;

namespace AsyncFl.Kernels;

public static partial class VectorKernels
{
    /// <summary>The squared Euclidean norm <c>Σ x[i]²</c>.</summary>
    /// <remarks>
    /// Exactly <c>Dot(x, x)</c>, bit for bit, with one load per element instead of two: squares accumulated with fused
    /// multiply-adds in <see cref="float"/> lanes per block of 4096 elements, block sums and the scalar tail (exact
    /// squares) in <see cref="double"/>. A NaN element gives NaN, an infinite one +∞. 0 when <paramref name="x"/> is
    /// empty.
    /// </remarks>
    /// <param name="x">The vector.</param>
    /// <returns>The sum of squares.</returns>
    public static unsafe double SquaredNorm(ReadOnlySpan<float> x)
    {
        fixed (float* px = x)
        {
            return ReductionDriver.Reduce<SumOfSquaresOperator, double>(px, (nuint)x.Length, 0.0);
        }
    }

    // DotOperator with y = x.
    private readonly struct SumOfSquaresOperator : IReductionOperator<double>
    {
        public static nuint BlockLength => ReductionBlock;

        public static bool OverlapTail => false;

        public static bool Fold(float x, ref double total)
        {
            total += (double)x * x;
            return true;
        }

        public static Vector128<float> Accumulate(Vector128<float> a, Vector128<float> x) => Vector128.FusedMultiplyAdd(x, x, a);

        public static Vector256<float> Accumulate(Vector256<float> a, Vector256<float> x) => Vector256.FusedMultiplyAdd(x, x, a);

        public static Vector512<float> Accumulate(Vector512<float> a, Vector512<float> x) => Vector512.FusedMultiplyAdd(x, x, a);

        public static bool Fold(Vector128<float> a0, Vector128<float> a1, Vector128<float> a2, Vector128<float> a3, ref double total)
        {
            total += Vector128.Sum((a0 + a1) + (a2 + a3));
            return true;
        }

        public static bool Fold(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3, ref double total)
        {
            total += Vector256.Sum((a0 + a1) + (a2 + a3));
            return true;
        }

        public static bool Fold(Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3, ref double total)
        {
            total += Vector512.Sum((a0 + a1) + (a2 + a3));
            return true;
        }
    }
}
