using System.Runtime.CompilerServices;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.Intrinsics;
using AsyncFl.Kernels.Drivers;

namespace AsyncFl.Kernels;

public static partial class VectorKernels
{
    /// <summary>
    /// <c>destination[i] = fma(wb, b[i], fma(wa, a[i], +0))</c>: the weighted sum of two vectors, evaluated like the
    /// K-input weighted sum behind <see cref="Backends.IParameterBackend.WeightedSum"/> (an accumulator starting at
    /// +0, one fused multiply-add per input, in order).
    /// </summary>
    /// <remarks>
    /// A NaN in <c>a[i]</c> or <c>b[i]</c> gives NaN; infinities follow IEEE arithmetic (∞ − ∞ gives NaN). Because the
    /// accumulator starts at +0, a sum of zeros is +0 even when every product is −0.
    /// </remarks>
    /// <param name="a">First input.</param>
    /// <param name="wa">Its finite weight.</param>
    /// <param name="b">Second input; may overlap <paramref name="a"/>.</param>
    /// <param name="wb">Its finite weight.</param>
    /// <param name="destination">Written; may be the very same memory as <paramref name="a"/> or <paramref name="b"/>, and must not overlap either otherwise.</param>
    /// <exception cref="ArgumentException">The lengths differ, or <paramref name="destination"/> overlaps an input without being the same memory.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A weight is not finite.</exception>
    public static unsafe void WeightedSum(ReadOnlySpan<float> a, float wa, ReadOnlySpan<float> b, float wb, Span<float> destination)
    {
        CheckSameLength(a.Length, destination.Length);
        CheckSameLength(b.Length, destination.Length);
        CheckInPlaceOrDisjoint(destination, a, nameof(destination), nameof(a));
        CheckInPlaceOrDisjoint(destination, b, nameof(destination), nameof(b));
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pd = destination)
        {
            IntPtr* inputs = stackalloc IntPtr[2] { (IntPtr)pa, (IntPtr)pb };
            float* weights = stackalloc float[2] { wa, wb };
            WeightedSum(new ReadOnlySpan<IntPtr>(inputs, 2), new ReadOnlySpan<float>(weights, 2), pd, destination.Length);
        }
    }

    /// <summary>
    /// <c>destination[i] = Σ_k weights[k]·inputs[k][i]</c>: each element is <c>acc = +0</c>, then
    /// <c>acc = fma(weights[k], inputs[k][i], acc)</c> for k = 0, 1, … in order. Internal: the unchecked pointers are
    /// for <see cref="Backends.CpuParameterBackend"/>, whose vectors live in native memory.
    /// </summary>
    /// <remarks>
    /// Up to <see cref="WeightedSumChunk"/> inputs are read together in one pass that writes the destination once;
    /// with more inputs, further passes add the next chunk into the destination. The destination may be the very same
    /// memory as any of the first <see cref="WeightedSumChunk"/> inputs (e.g. <c>inputs[0]</c>), not a later one, and
    /// must not partially overlap any input (<see cref="ArgumentException"/>). With no inputs the destination is set to
    /// +0. One input (a scaled copy) takes a dedicated one-pass kernel with the same result, <c>fma(w, x, +0)</c> (so
    /// <c>−0</c> products become <c>+0</c>). NaN inputs give NaN; infinities follow IEEE arithmetic.
    /// </remarks>
    /// <param name="inputs">Addresses of K input vectors of <paramref name="length"/> floats each.</param>
    /// <param name="weights">K finite weights.</param>
    /// <param name="destination">Written.</param>
    /// <param name="length">Elements per vector (≥ 0).</param>
    internal static unsafe void WeightedSum(ReadOnlySpan<IntPtr> inputs, ReadOnlySpan<float> weights, float* destination, int length)
    {
        if (inputs.Length != weights.Length)
        {
            ThrowInputsWeights(inputs.Length, weights.Length);
        }

        ArgumentOutOfRangeException.ThrowIfNegative(length);
        foreach (float w in weights)
        {
            CheckFinite(w, nameof(weights));
        }

        if (length == 0)
        {
            return;
        }

        if (destination == null)
        {
            ThrowNullPointer(nameof(destination));
        }

        float* destinationEnd = destination + length;
        for (int k = 0; k < inputs.Length; k++)
        {
            float* p = (float*)inputs[k];
            if (p == null)
            {
                ThrowNullPointer(nameof(inputs));
            }

            // In place only into an input of the first pass, which reads every element before writing it.
            bool overlaps = p < destinationEnd && destination < p + length;
            if (overlaps && (p != destination || k >= WeightedSumChunk))
            {
                ThrowInputOverlap(k);
            }
        }

        if (inputs.IsEmpty)
        {
            new Span<float>(destination, length).Clear();
            return;
        }

        if (inputs.Length == 1)
        {
            // K = 1 (a scaled copy, e.g. the first update of a FedBuff buffer): one streaming pass without the
            // general pass's per-input loop; (w·x) + 0 is bit-identical to fma(w, x, 0), signed zeros included.
            UnaryDriver.Invoke<ScaledCopyOperator>((float*)inputs[0], destination, weights[0], (nuint)length);
            return;
        }

        bool accumulate = false;
        for (int k0 = 0; k0 < inputs.Length; k0 += WeightedSumChunk)
        {
            int kc = Math.Min(WeightedSumChunk, inputs.Length - k0);
            WeightedSumPass(inputs.Slice(k0, kc), weights.Slice(k0, kc), destination, (nuint)length, accumulate);
            accumulate = true;
        }
    }

    // One pass over K ≤ WeightedSumChunk inputs at the widest width that fits; n > 0.
    private static unsafe void WeightedSumPass(ReadOnlySpan<IntPtr> inputs, ReadOnlySpan<float> weights, float* dst, nuint n, bool accumulate)
    {
        fixed (IntPtr* pin = inputs)
        fixed (float* pw = weights)
        {
            float** p = (float**)pin;
            int k = inputs.Length;
            if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
            {
                WeightedSumPass<Vector512<float>, Width512>(p, pw, k, dst, n, accumulate);
            }
            else if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<float>.Count)
            {
                WeightedSumPass<Vector256<float>, Width256>(p, pw, k, dst, n, accumulate);
            }
            else if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<float>.Count)
            {
                WeightedSumPass<Vector128<float>, Width128>(p, pw, k, dst, n, accumulate);
            }
            else
            {
                WeightedSumPass<float, ScalarWidth>(p, pw, k, dst, n, accumulate);
            }
        }
    }

    // Reads the K inputs together and writes the destination once, four vectors at a time; the overlapped last
    // vector is computed before the loop (from the original destination when accumulating), so that the destination
    // may be one of the inputs. n ≥ TWidth.Count.
    private static unsafe void WeightedSumPass<TVector, TWidth>(float** p, float* pw, int k, float* dst, nuint n, bool accumulate)
        where TVector : struct
        where TWidth : struct, IVectorWidth<TVector>
    {
        nuint w = (nuint)TWidth.Count;
        nuint last = n - w;
        TVector end = accumulate ? Unsafe.ReadUnaligned<TVector>(dst + last) : default(TVector);
        for (int j = 0; j < k; j++)
        {
            end = TWidth.FusedMultiplyAdd(TWidth.Create(pw[j]), Unsafe.ReadUnaligned<TVector>(p[j] + last), end);
        }

        nuint i = 0;
        for (; i + (4 * w) <= n; i += 4 * w)
        {
            TVector a0, a1, a2, a3;
            if (accumulate)
            {
                a0 = Unsafe.ReadUnaligned<TVector>(dst + i);
                a1 = Unsafe.ReadUnaligned<TVector>(dst + i + w);
                a2 = Unsafe.ReadUnaligned<TVector>(dst + i + (2 * w));
                a3 = Unsafe.ReadUnaligned<TVector>(dst + i + (3 * w));
            }
            else
            {
                a0 = a1 = a2 = a3 = default(TVector);
            }

            for (int j = 0; j < k; j++)
            {
                float* q = p[j] + i;
                TVector wj = TWidth.Create(pw[j]);
                a0 = TWidth.FusedMultiplyAdd(wj, Unsafe.ReadUnaligned<TVector>(q), a0);
                a1 = TWidth.FusedMultiplyAdd(wj, Unsafe.ReadUnaligned<TVector>(q + w), a1);
                a2 = TWidth.FusedMultiplyAdd(wj, Unsafe.ReadUnaligned<TVector>(q + (2 * w)), a2);
                a3 = TWidth.FusedMultiplyAdd(wj, Unsafe.ReadUnaligned<TVector>(q + (3 * w)), a3);
            }

            Unsafe.WriteUnaligned(dst + i, a0);
            Unsafe.WriteUnaligned(dst + i + w, a1);
            Unsafe.WriteUnaligned(dst + i + (2 * w), a2);
            Unsafe.WriteUnaligned(dst + i + (3 * w), a3);
        }

        for (; i + w <= n; i += w)
        {
            TVector a0 = accumulate ? Unsafe.ReadUnaligned<TVector>(dst + i) : default(TVector);
            for (int j = 0; j < k; j++)
            {
                a0 = TWidth.FusedMultiplyAdd(TWidth.Create(pw[j]), Unsafe.ReadUnaligned<TVector>(p[j] + i), a0);
            }

            Unsafe.WriteUnaligned(dst + i, a0);
        }

        Unsafe.WriteUnaligned(dst + last, end);
    }

    // (s·x) + 0: the first step of WeightedSum, fma(s, x, +0), without a fused operation (the product is rounded
    // once either way; adding +0 turns −0 into +0 exactly as the fma does).
    private readonly struct ScaledCopyOperator : IUnaryOperator
    {
        public static float Invoke(float x, float s) => (s * x) + 0f;

        public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> s) => (s * x) + Vector128<float>.Zero;

        public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> s) => (s * x) + Vector256<float>.Zero;

        public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> s) => (s * x) + Vector512<float>.Zero;
    }

    [DoesNotReturn]
    private static void ThrowInputsWeights(int inputs, int weights) =>
        throw new ArgumentException($"{inputs} inputs but {weights} weights: there must be one weight per input.", nameof(weights));

    [DoesNotReturn]
    private static void ThrowNullPointer(string name) =>
        throw new ArgumentNullException(name, $"'{name}' holds a null pointer.");

    [DoesNotReturn]
    private static void ThrowInputOverlap(int k) =>
        throw new ArgumentException(
            $"'destination' overlaps inputs[{k}]: it may be the very same memory as one of the first {WeightedSumChunk} inputs (in-place use), and must not overlap any input otherwise.",
            "destination");
}
