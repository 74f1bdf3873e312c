using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AsyncFl.Kernels;

/// <summary>
/// The CPU vector kernels behind <see cref="Backends.CpuParameterBackend"/>, on spans of <see cref="float"/>.
/// </summary>
/// <remarks>
/// <para>Every kernel makes exactly one pass over memory with hand-written SIMD code that picks the widest
/// hardware-accelerated width at run time (<see cref="Vector512"/>, <see cref="Vector256"/>, <see cref="Vector128"/>,
/// then scalar), unrolls the main loop and finishes element-wise kernels with one overlapped last vector (computed
/// from the original values before the loop, so in-place use stays correct). The scalar path and every vector width
/// compute the same IEEE operations in the same order (fused multiply-adds where documented), so the results do not
/// depend on the machine, except for the reductions (<see cref="Dot"/>, <see cref="SquaredNorm"/>), whose summation
/// order depends on the vector width.</para>
/// <para>No kernel allocates. In-place use means that the destination is the very same memory as an input; partial
/// overlaps are not supported. Lengths must match (<see cref="ArgumentException"/>) and scalar arguments must be
/// finite (<see cref="ArgumentOutOfRangeException"/>).</para>
/// </remarks>
public static partial class VectorKernels
{
    /// <summary>The most inputs <c>WeightedSum</c> reads together in one pass; more are processed in chunks.</summary>
    public const int WeightedSumChunk = 16;

    // Reductions accumulate this many elements in float lanes before adding the partial sum to a double.
    private const int ReductionBlock = 4096;

    /// <summary>
    /// The widest SIMD width the kernels use on this machine and runtime configuration:
    /// <c>"Vector512"</c>, <c>"Vector256"</c>, <c>"Vector128"</c> or <c>"scalar"</c>.
    /// </summary>
    public static string ActivePath =>
        Vector512.IsHardwareAccelerated ? "Vector512" :
        Vector256.IsHardwareAccelerated ? "Vector256" :
        Vector128.IsHardwareAccelerated ? "Vector128" : "scalar";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CheckSameLength(int a, int b)
    {
        if (a != b)
        {
            ThrowLengthMismatch(a, b);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CheckFinite(float value, string name)
    {
        if (!float.IsFinite(value))
        {
            ThrowNotFinite(value, name);
        }
    }

    internal static void CheckFinite(double value, string name)
    {
        if (!double.IsFinite(value) || !float.IsFinite((float)value))
        {
            ThrowNotFinite((float)value, name);
        }
    }

    [DoesNotReturn]
    internal static void ThrowLengthMismatch(int a, int b) =>
        throw new ArgumentException($"Vector lengths differ: {a} and {b}. Every operand of a kernel must have the same length.");

    [DoesNotReturn]
    internal static void ThrowNotFinite(float value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be a finite number (not NaN or infinity).");

    [DoesNotReturn]
    private static void ThrowZero(string name) =>
        throw new ArgumentOutOfRangeException(name, 0f, $"'{name}' is a divisor and must not be zero.");

    [DoesNotReturn]
    private static void ThrowNegative(float value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be ≥ 0.");
}
