using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
/// <para>No kernel allocates. Lengths must match (<see cref="ArgumentException"/>) and scalar arguments must be
/// finite (<see cref="ArgumentOutOfRangeException"/>). A span that a kernel writes may be the very same memory as an
/// input where the method says so (in-place use); any other overlap between a written span and another operand is
/// rejected with <see cref="ArgumentException"/>, as <c>TensorPrimitives</c> does. Inputs that are only read may
/// overlap one another freely.</para>
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

    // `written` (a span the kernel writes) and `other` (of the same length) must be the very same memory (in-place
    // use) or not overlap at all: with a partial overlap the kernel would read elements it has already overwritten.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckInPlaceOrDisjoint(ReadOnlySpan<float> written, ReadOnlySpan<float> other, string writtenName, string otherName)
    {
        if (written.Overlaps(other) && !Unsafe.AreSame(ref MemoryMarshal.GetReference(written), ref MemoryMarshal.GetReference(other)))
        {
            ThrowOverlap(writtenName, otherName, inPlaceAllowed: true);
        }
    }

    // For operands that may not even be the same memory (e.g. two spans that are both written).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckDisjoint(ReadOnlySpan<float> written, ReadOnlySpan<float> other, string writtenName, string otherName)
    {
        if (written.Overlaps(other))
        {
            ThrowOverlap(writtenName, otherName, inPlaceAllowed: false);
        }
    }

    [DoesNotReturn]
    internal static void ThrowLengthMismatch(int a, int b) =>
        throw new ArgumentException($"Vector lengths differ: {a} and {b}. Every operand of a kernel must have the same length.");

    [DoesNotReturn]
    internal static void ThrowNotFinite(float value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be a finite number (not NaN or infinity).");

    [DoesNotReturn]
    private static void ThrowOverlap(string written, string other, bool inPlaceAllowed) =>
        throw new ArgumentException(
            inPlaceAllowed
                ? $"'{written}' and '{other}' overlap: '{written}' is written, so it must be either the very same memory as '{other}' (in-place use) or not overlap it at all."
                : $"'{written}' and '{other}' overlap: both are written, so they must not share any memory.",
            written);

    [DoesNotReturn]
    private static void ThrowZero(string name) =>
        throw new ArgumentOutOfRangeException(name, 0f, $"'{name}' is a divisor and must not be zero.");

    [DoesNotReturn]
    private static void ThrowNegative(float value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be ≥ 0.");
}
