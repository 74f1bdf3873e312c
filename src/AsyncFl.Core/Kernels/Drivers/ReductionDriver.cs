using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AsyncFl.Kernels.Drivers;

/// <summary>Runs an <see cref="IReductionOperator{TResult}"/> over one vector of n floats.</summary>
/// <remarks>
/// Takes the widest hardware-accelerated width that fits n. Per block of at most
/// <see cref="IReductionOperator{TResult}.BlockLength"/> elements, four accumulators start at +0 and take the whole
/// vectors in turn (a0, a1, a2, a3, a0, …; the last &lt; 4 vectors of a block go to a0); the operator then folds them
/// into the result and may stop early. The elements after the last whole vector are re-read as one overlapped vector
/// (into a1, before the last fold) when the operator allows it, else folded one by one, as is everything without
/// SIMD.
/// </remarks>
internal static unsafe class ReductionDriver
{
    /// <summary>Reduces n elements of <paramref name="x"/>, starting from <paramref name="seed"/>.</summary>
    public static TResult Reduce<TOp, TResult>(float* x, nuint n, TResult seed)
        where TOp : struct, IReductionOperator<TResult>
    {
        // Run hands the result back by value rather than through a reference to this local, so that the local can
        // stay in a register in the scalar loop below.
        TResult result = seed;
        nuint index = 0;
        bool more = true;
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            result = Run<TOp, TResult, Vector512<float>, Width512>(x, n, result, out index, out more);
        }
        else if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<float>.Count)
        {
            result = Run<TOp, TResult, Vector256<float>, Width256>(x, n, result, out index, out more);
        }
        else if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<float>.Count)
        {
            result = Run<TOp, TResult, Vector128<float>, Width128>(x, n, result, out index, out more);
        }

        for (nuint i = index; more && i < n; i++)
        {
            more = TOp.Fold(x[i], ref result);
        }

        return result;
    }

    // n ≥ TWidth.Count. Returns the result so far, the index after the last element read, and false in `more` when
    // the result is final.
    // Inlined into Reduce: one method per kernel call, as in the hand-written kernels this replaced (as a separate
    // call, Dot and the one-input WeightedSum ran at 0.86–0.87 of their speed at d = 10³, interleaved medians).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TResult Run<TOp, TResult, TVector, TWidth>(float* x, nuint n, TResult result, out nuint index, out bool more)
        where TOp : struct, IReductionOperator<TVector, TResult>, IReductionOperator<TResult>
        where TVector : struct
        where TWidth : struct, IVectorWidth<TVector>
    {
        nuint w = (nuint)TWidth.Count;
        nuint i = 0;
        do
        {
            nuint blockEnd = n - i > TOp.BlockLength ? i + TOp.BlockLength : n;
            TVector a0 = default(TVector), a1 = a0, a2 = a0, a3 = a0;
            for (; i + (4 * w) <= blockEnd; i += 4 * w)
            {
                a0 = TOp.Accumulate(a0, Unsafe.ReadUnaligned<TVector>(x + i));
                a1 = TOp.Accumulate(a1, Unsafe.ReadUnaligned<TVector>(x + i + w));
                a2 = TOp.Accumulate(a2, Unsafe.ReadUnaligned<TVector>(x + i + (2 * w)));
                a3 = TOp.Accumulate(a3, Unsafe.ReadUnaligned<TVector>(x + i + (3 * w)));
            }

            for (; i + w <= blockEnd; i += w)
            {
                a0 = TOp.Accumulate(a0, Unsafe.ReadUnaligned<TVector>(x + i));
            }

            if (TOp.OverlapTail && blockEnd == n)
            {
                a1 = TOp.Accumulate(a1, Unsafe.ReadUnaligned<TVector>(x + n - w));
                i = n;
            }

            if (!TOp.Fold(a0, a1, a2, a3, ref result))
            {
                index = i;
                more = false;
                return result;
            }
        }
        while (i + w <= n);

        index = i;
        more = true;
        return result;
    }
}
