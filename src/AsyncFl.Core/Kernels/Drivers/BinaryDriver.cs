using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AsyncFl.Kernels.Drivers;

/// <summary>
/// Runs an <see cref="IBinaryOperator"/> in place: <c>x[i] = f(x[i], y[i], s)</c> for i &lt; n, where <c>y</c> is
/// either <c>x</c> itself or memory that does not overlap it.
/// </summary>
/// <remarks>
/// Takes the widest hardware-accelerated width that fits n (Vector512, Vector256, Vector128, else one float at a
/// time), unrolls the loop four times, and finishes with one overlapped last vector that is computed from the
/// original inputs <em>before</em> the loop and stored after it, so that the in-place update stays exact.
/// </remarks>
internal static unsafe class BinaryDriver
{
    /// <summary>Runs <typeparamref name="TOp"/> over n elements.</summary>
    public static void Invoke<TOp>(float* x, float* y, float s, nuint n)
        where TOp : struct, IBinaryOperator
    {
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            Run<TOp, Vector512<float>, Width512>(x, y, s, n);
        }
        else if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<float>.Count)
        {
            Run<TOp, Vector256<float>, Width256>(x, y, s, n);
        }
        else if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<float>.Count)
        {
            Run<TOp, Vector128<float>, Width128>(x, y, s, n);
        }
        else if (n != 0)
        {
            Run<TOp, float, ScalarWidth>(x, y, s, n);
        }
    }

    // n ≥ TWidth.Count.
    // Inlined into Invoke: one method per kernel call, as in the hand-written kernels this replaced (as a separate
    // call, Dot and the one-input WeightedSum ran at 0.86–0.87 of their speed at d = 10³, interleaved medians).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Run<TOp, TVector, TWidth>(float* x, float* y, float s, nuint n)
        where TOp : struct, IBinaryOperator<TVector>
        where TVector : struct
        where TWidth : struct, IVectorWidth<TVector>
    {
        nuint w = (nuint)TWidth.Count;
        TVector vs = TWidth.Create(s);
        nuint last = n - w;
        TVector end = TOp.Invoke(Unsafe.ReadUnaligned<TVector>(x + last), Unsafe.ReadUnaligned<TVector>(y + last), vs);
        nuint i = 0;
        for (; i + (4 * w) <= n; i += 4 * w)
        {
            TVector r0 = TOp.Invoke(Unsafe.ReadUnaligned<TVector>(x + i), Unsafe.ReadUnaligned<TVector>(y + i), vs);
            TVector r1 = TOp.Invoke(Unsafe.ReadUnaligned<TVector>(x + i + w), Unsafe.ReadUnaligned<TVector>(y + i + w), vs);
            TVector r2 = TOp.Invoke(Unsafe.ReadUnaligned<TVector>(x + i + (2 * w)), Unsafe.ReadUnaligned<TVector>(y + i + (2 * w)), vs);
            TVector r3 = TOp.Invoke(Unsafe.ReadUnaligned<TVector>(x + i + (3 * w)), Unsafe.ReadUnaligned<TVector>(y + i + (3 * w)), vs);
            Unsafe.WriteUnaligned(x + i, r0);
            Unsafe.WriteUnaligned(x + i + w, r1);
            Unsafe.WriteUnaligned(x + i + (2 * w), r2);
            Unsafe.WriteUnaligned(x + i + (3 * w), r3);
        }

        for (; i + w <= n; i += w)
        {
            Unsafe.WriteUnaligned(x + i, TOp.Invoke(Unsafe.ReadUnaligned<TVector>(x + i), Unsafe.ReadUnaligned<TVector>(y + i), vs));
        }

        Unsafe.WriteUnaligned(x + last, end);
    }
}
