using System.Runtime.Intrinsics;
using AsyncFl.Kernels.Drivers;

namespace AsyncFl.Kernels;

public static partial class VectorKernels
{
    /// <summary>
    /// The largest magnitude <c>max_i |x[i]|</c>: +∞ when an element is ±∞, NaN when one is NaN, 0 when
    /// <paramref name="x"/> is empty.
    /// </summary>
    /// <remarks>
    /// Computed as an integer maximum of the bit patterns with the sign cleared, so the result is always one of the
    /// |x[i]| bit for bit (+0 for zeros of either sign); with several NaNs it is the one whose cleared bit pattern is
    /// largest. The result is finite exactly when every element is.
    /// </remarks>
    /// <param name="x">The vector.</param>
    /// <returns>The largest magnitude.</returns>
    public static unsafe float MaxMagnitude(ReadOnlySpan<float> x)
    {
        fixed (float* px = x)
        {
            return BitConverter.Int32BitsToSingle(ReductionDriver.Reduce<MaxMagnitudeBitsOperator, int>(px, (nuint)x.Length, 0));
        }
    }

    // The largest |x| as an integer maximum over the bits with the sign cleared: for non-negative floats the integer
    // order is the float order, and every NaN (all-ones exponent, non-zero mantissa) lies above +∞ (0x7F800000), so
    // one AND and one integer max per vector give max |x|, +∞, or a NaN. The float lanes of the accumulators hold
    // those integers (reinterpreted, not converted). A maximum may read an element twice, so the tail is one
    // overlapped vector and there are no blocks.
    private readonly struct MaxMagnitudeBitsOperator : IReductionOperator<int>
    {
        private const int AbsMask = 0x7FFF_FFFF;

        public static nuint BlockLength => nuint.MaxValue;

        public static bool OverlapTail => true;

        public static bool Fold(float x, ref int best)
        {
            best = Math.Max(best, BitConverter.SingleToInt32Bits(x) & AbsMask);
            return true;
        }

        public static Vector128<float> Accumulate(Vector128<float> a, Vector128<float> x) =>
            Vector128.Max(a.AsInt32(), x.AsInt32() & Vector128.Create(AbsMask)).AsSingle();

        public static Vector256<float> Accumulate(Vector256<float> a, Vector256<float> x) =>
            Vector256.Max(a.AsInt32(), x.AsInt32() & Vector256.Create(AbsMask)).AsSingle();

        public static Vector512<float> Accumulate(Vector512<float> a, Vector512<float> x) =>
            Vector512.Max(a.AsInt32(), x.AsInt32() & Vector512.Create(AbsMask)).AsSingle();

        public static bool Fold(Vector128<float> a0, Vector128<float> a1, Vector128<float> a2, Vector128<float> a3, ref int best)
        {
            best = Math.Max(best, Max(Vector128.Max(Vector128.Max(a0.AsInt32(), a1.AsInt32()), Vector128.Max(a2.AsInt32(), a3.AsInt32()))));
            return true;
        }

        public static bool Fold(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3, ref int best)
        {
            best = Math.Max(best, Max(Vector256.Max(Vector256.Max(a0.AsInt32(), a1.AsInt32()), Vector256.Max(a2.AsInt32(), a3.AsInt32()))));
            return true;
        }

        public static bool Fold(Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3, ref int best)
        {
            var all = Vector512.Max(Vector512.Max(a0.AsInt32(), a1.AsInt32()), Vector512.Max(a2.AsInt32(), a3.AsInt32()));
            best = Math.Max(best, Max(Vector256.Max(all.GetLower(), all.GetUpper())));
            return true;
        }

        private static int Max(Vector256<int> v) => Max(Vector128.Max(v.GetLower(), v.GetUpper()));

        private static int Max(Vector128<int> v) =>
            Math.Max(Math.Max(v.GetElement(0), v.GetElement(1)), Math.Max(v.GetElement(2), v.GetElement(3)));
    }
}
