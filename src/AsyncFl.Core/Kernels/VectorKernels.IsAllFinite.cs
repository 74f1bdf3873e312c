using System.Runtime.Intrinsics;
using AsyncFl.Kernels.Drivers;

namespace AsyncFl.Kernels;

public static partial class VectorKernels
{
    /// <summary>Whether no element is NaN or ±∞ (true for an empty span).</summary>
    /// <remarks>Stops at the end of the first 4096-element block that holds a non-finite element.</remarks>
    /// <param name="x">The vector.</param>
    /// <returns>Whether every element is finite.</returns>
    public static unsafe bool IsAllFinite(ReadOnlySpan<float> x)
    {
        fixed (float* px = x)
        {
            return ReductionDriver.Reduce<IsFiniteOperator, bool>(px, (nuint)x.Length, true);
        }
    }

    // Finite x gives x·0 = ±0; ±∞ and NaN give NaN, which then sticks in the accumulator, so a block is all finite
    // exactly when its accumulators compare equal to zero. Vector128 multiplies and adds separately: on x64 it is
    // the widest width only without AVX2, and then FMA is off too (checked: DOTNET_EnableAVX2=0 gives
    // Fma.IsSupported = false), so a fused multiply-add would be emulated; the answer is the same either way.
    private readonly struct IsFiniteOperator : IReductionOperator<bool>
    {
        public static nuint BlockLength => ReductionBlock;

        public static bool OverlapTail => false;

        public static bool Fold(float x, ref bool allFinite) => allFinite = float.IsFinite(x);

        public static Vector128<float> Accumulate(Vector128<float> a, Vector128<float> x) => a + (x * Vector128<float>.Zero);

        public static Vector256<float> Accumulate(Vector256<float> a, Vector256<float> x) => Vector256.FusedMultiplyAdd(x, Vector256<float>.Zero, a);

        public static Vector512<float> Accumulate(Vector512<float> a, Vector512<float> x) => Vector512.FusedMultiplyAdd(x, Vector512<float>.Zero, a);

        public static bool Fold(Vector128<float> a0, Vector128<float> a1, Vector128<float> a2, Vector128<float> a3, ref bool allFinite) =>
            allFinite = Vector128.EqualsAll((a0 + a1) + (a2 + a3), Vector128<float>.Zero);

        public static bool Fold(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3, ref bool allFinite) =>
            allFinite = Vector256.EqualsAll((a0 + a1) + (a2 + a3), Vector256<float>.Zero);

        public static bool Fold(Vector512<float> a0, Vector512<float> a1, Vector512<float> a2, Vector512<float> a3, ref bool allFinite) =>
            allFinite = Vector512.EqualsAll((a0 + a1) + (a2 + a3), Vector512<float>.Zero);
    }
}
