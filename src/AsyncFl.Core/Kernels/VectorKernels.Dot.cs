using System.Runtime.Intrinsics;
using AsyncFl.Kernels.Drivers;

namespace AsyncFl.Kernels;

public static partial class VectorKernels
{
    /// <summary>The dot product <c>Σ x[i]·y[i]</c>.</summary>
    /// <remarks>
    /// Products are accumulated with fused multiply-adds in <see cref="float"/> SIMD lanes (four vectors of
    /// accumulators) over blocks of 4096 elements; the block sums are added in <see cref="double"/>. The error is
    /// therefore that of summing at most 4096 / lanes terms in single precision per lane (64 terms with
    /// <see cref="Vector512"/>), not that of n terms. The scalar path (the last &lt; one vector, or everything without
    /// SIMD) adds the exact products in <see cref="double"/>. The summation order depends on the vector width, so the
    /// last bits can differ between machines. A NaN element gives NaN; infinities follow IEEE arithmetic (∞·0 and
    /// ∞ − ∞ give NaN). 0 when the spans are empty.
    /// </remarks>
    /// <param name="x">First; may overlap <paramref name="y"/>.</param>
    /// <param name="y">Second.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static unsafe double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        CheckSameLength(x.Length, y.Length);
        fixed (float* px = x)
        fixed (float* py = y)
        {
            return BinaryReductionDriver.Reduce<DotOperator, double>(px, py, (nuint)x.Length, 0.0);
        }
    }

    // a + x·y per lane (fused); each block's lanes are summed in float, the block sums in double.
    private readonly struct DotOperator : IBinaryReductionOperator<double>
    {
        public static nuint BlockLength => ReductionBlock;

        public static bool Fold(float x, float y, ref double total)
        {
            total += (double)x * y;
            return true;
        }

        public static Vector128<float> Accumulate(Vector128<float> a, Vector128<float> x, Vector128<float> y) => Vector128.FusedMultiplyAdd(x, y, a);

        public static Vector256<float> Accumulate(Vector256<float> a, Vector256<float> x, Vector256<float> y) => Vector256.FusedMultiplyAdd(x, y, a);

        public static Vector512<float> Accumulate(Vector512<float> a, Vector512<float> x, Vector512<float> y) => Vector512.FusedMultiplyAdd(x, y, a);

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
