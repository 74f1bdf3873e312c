using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AsyncFl.Kernels.Drivers;

/// <summary>
/// Runs an <see cref="ITernaryOperator"/> in place: <c>x[i] = f(x[i], y[i], z[i], s)</c> for i &lt; n, where
/// <c>y</c> and <c>z</c> are each either <c>x</c> itself or memory that does not overlap it.
/// </summary>
/// <remarks>
/// Like <see cref="BinaryDriver"/> (widest width, overlapped last vector computed before the loop), but unrolled
/// twice, as the DelayCompensate loop it was extracted from was (three input streams per result).
/// </remarks>
internal static unsafe class TernaryDriver
{
    /// <summary>Runs <typeparamref name="TOp"/> over n elements.</summary>
    public static void Invoke<TOp>(float* x, float* y, float* z, float s, nuint n)
        where TOp : struct, ITernaryOperator
    {
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            Run<TOp, Vector512<float>, Width512>(x, y, z, s, n);
        }
        else if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<float>.Count)
        {
            Run<TOp, Vector256<float>, Width256>(x, y, z, s, n);
        }
        else if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<float>.Count)
        {
            Run<TOp, Vector128<float>, Width128>(x, y, z, s, n);
        }
        else if (n != 0)
        {
            Run<TOp, float, ScalarWidth>(x, y, z, s, n);
        }
    }

    // n ≥ TWidth.Count.
    // Inlined into Invoke: one method per kernel call, as in the hand-written kernels this replaced (as a separate
    // call, Dot and the one-input WeightedSum ran at 0.86–0.87 of their speed at d = 10³, interleaved medians).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Run<TOp, TVector, TWidth>(float* x, float* y, float* z, float s, nuint n)
        where TOp : struct, ITernaryOperator<TVector>
        where TVector : struct
        where TWidth : struct, IVectorWidth<TVector>
    {
        nuint w = (nuint)TWidth.Count;
        TVector vs = TWidth.Create(s);
        nuint last = n - w;
        TVector end = TOp.Invoke(Unsafe.ReadUnaligned<TVector>(x + last), Unsafe.ReadUnaligned<TVector>(y + last), Unsafe.ReadUnaligned<TVector>(z + last), vs);
        nuint i = 0;
        for (; i + (2 * w) <= n; i += 2 * w)
        {
            TVector r0 = TOp.Invoke(Unsafe.ReadUnaligned<TVector>(x + i), Unsafe.ReadUnaligned<TVector>(y + i), Unsafe.ReadUnaligned<TVector>(z + i), vs);
            TVector r1 = TOp.Invoke(Unsafe.ReadUnaligned<TVector>(x + i + w), Unsafe.ReadUnaligned<TVector>(y + i + w), Unsafe.ReadUnaligned<TVector>(z + i + w), vs);
            Unsafe.WriteUnaligned(x + i, r0);
            Unsafe.WriteUnaligned(x + i + w, r1);
        }

        for (; i + w <= n; i += w)
        {
            Unsafe.WriteUnaligned(x + i, TOp.Invoke(Unsafe.ReadUnaligned<TVector>(x + i), Unsafe.ReadUnaligned<TVector>(y + i), Unsafe.ReadUnaligned<TVector>(z + i), vs));
        }

        Unsafe.WriteUnaligned(x + last, end);
    }
}
