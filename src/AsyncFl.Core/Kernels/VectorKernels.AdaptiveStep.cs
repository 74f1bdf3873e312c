using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using AsyncFl.Kernels.Drivers;

namespace AsyncFl.Kernels;

public static partial class VectorKernels
{
    /// <summary>One FedOpt step; see <see cref="Backends.IParameterBackend.AdaptiveStep"/>.</summary>
    /// <remarks>
    /// <para>Per element, in this order and without fused operations, with the coefficients computed in
    /// <see cref="double"/> and rounded to <see cref="float"/> once (<c>β1</c>, <c>1 − β1</c>, <c>β2</c>, <c>1 − β2</c>,
    /// <c>η</c>, <c>τ</c>, <c>1/c1</c>, <c>1/c2</c>): <c>m = β1·m + (1 − β1)·Δ</c>; <c>v = v + Δ²</c> (Adagrad),
    /// <c>β2·v + (1 − β2)·Δ²</c> (Adam) or <c>v − (1 − β2)·Δ²·sign(v − Δ²)</c> (Yogi, sign(NaN) = 0);
    /// <c>x = x + (η·(m·(1/c1))) / (sqrt(v·(1/c2)) + τ)</c>, where <c>Δ² = Δ·Δ</c>.</para>
    /// <para>NaN propagates: a NaN <c>Δ[i]</c> makes the new <c>m[i]</c>, <c>v[i]</c> and <c>x[i]</c> NaN, a NaN
    /// <c>m[i]</c> the new <c>m[i]</c> and <c>x[i]</c>, a NaN <c>v[i]</c> the new <c>v[i]</c> and <c>x[i]</c>; a negative
    /// <c>v·(1/c2)</c> gives NaN from the square root. Infinities follow IEEE arithmetic of the formulas.</para>
    /// </remarks>
    /// <param name="x">Model, updated in place.</param>
    /// <param name="m">First moment, updated in place; must not overlap <paramref name="x"/> or <paramref name="v"/>.</param>
    /// <param name="v">Second moment, updated in place; must not overlap <paramref name="x"/>.</param>
    /// <param name="delta">Aggregated delta; may be the very same memory as <paramref name="x"/>, <paramref name="m"/> or <paramref name="v"/>, and must not overlap them otherwise.</param>
    /// <param name="p">Scalars (all finite; the correction divisors non-zero).</param>
    /// <exception cref="ArgumentException">The lengths differ, or spans overlap in a way described above as not allowed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A scalar is not finite, a correction divisor is zero, or the rule is unknown.</exception>
    public static unsafe void AdaptiveStep(Span<float> x, Span<float> m, Span<float> v, ReadOnlySpan<float> delta, in Backends.AdaptiveStepParameters p)
    {
        CheckSameLength(x.Length, m.Length);
        CheckSameLength(x.Length, v.Length);
        CheckSameLength(x.Length, delta.Length);

        // x, m and v are all written, x last, after m and v are stored: any aliasing between them would change the
        // result. Δ is read first, so it may be one of them exactly.
        CheckDisjoint(m, x, nameof(m), nameof(x));
        CheckDisjoint(v, x, nameof(v), nameof(x));
        CheckDisjoint(m, v, nameof(m), nameof(v));
        CheckInPlaceOrDisjoint(x, delta, nameof(x), nameof(delta));
        CheckInPlaceOrDisjoint(m, delta, nameof(m), nameof(delta));
        CheckInPlaceOrDisjoint(v, delta, nameof(v), nameof(delta));
        CheckFinite(p.Beta1, nameof(p.Beta1));
        CheckFinite(p.Beta2, nameof(p.Beta2));
        CheckFinite(p.LearningRate, nameof(p.LearningRate));
        CheckFinite(p.Tau, nameof(p.Tau));
        CheckFinite(p.FirstMomentCorrection, nameof(p.FirstMomentCorrection));
        CheckFinite(p.SecondMomentCorrection, nameof(p.SecondMomentCorrection));
        if (p.FirstMomentCorrection == 0)
        {
            ThrowZero(nameof(p.FirstMomentCorrection));
        }

        if (p.SecondMomentCorrection == 0)
        {
            ThrowZero(nameof(p.SecondMomentCorrection));
        }

        var s = new AdaptiveScalars(p);
        fixed (float* px = x)
        fixed (float* pm = m)
        fixed (float* pv = v)
        fixed (float* pd = delta)
        {
            nuint n = (nuint)x.Length;
            switch (p.Rule)
            {
                case Backends.AdaptiveRule.Adagrad:
                    AdaptiveStep<AdagradRule>(px, pm, pv, pd, s, n);
                    break;
                case Backends.AdaptiveRule.Adam:
                    AdaptiveStep<AdamRule>(px, pm, pv, pd, s, n);
                    break;
                case Backends.AdaptiveRule.Yogi:
                    AdaptiveStep<YogiRule>(px, pm, pv, pd, s, n);
                    break;
                default:
                    ThrowUnknownRule(p.Rule);
                    break;
            }
        }
    }

    private static unsafe void AdaptiveStep<TRule>(float* x, float* m, float* v, float* delta, in AdaptiveScalars s, nuint n)
        where TRule : struct, ISecondMomentRule
    {
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            AdaptiveStep<TRule, Vector512<float>, Width512>(x, m, v, delta, s, n);
        }
        else if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<float>.Count)
        {
            AdaptiveStep<TRule, Vector256<float>, Width256>(x, m, v, delta, s, n);
        }
        else if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<float>.Count)
        {
            AdaptiveStep<TRule, Vector128<float>, Width128>(x, m, v, delta, s, n);
        }
        else if (n != 0)
        {
            AdaptiveStep<TRule, float, ScalarWidth>(x, m, v, delta, s, n);
        }
    }

    // One vector at a time (no unrolling: seven streams, a division and a square root per element), with the
    // overlapped last vector computed from the original values before the loop and stored after it. m and v are
    // stored before x is read, as in the kernel this was extracted from (x is then the memory operand of the last
    // addition, which keeps the JIT's operand order and so even the NaN payloads of that kernel). n ≥ TWidth.Count.
    private static unsafe void AdaptiveStep<TRule, TVector, TWidth>(float* x, float* m, float* v, float* delta, in AdaptiveScalars s, nuint n)
        where TRule : struct, ISecondMomentRule<TVector>
        where TVector : struct
        where TWidth : struct, IVectorWidth<TVector>
    {
        var c = new AdaptiveCoefficients<TVector, TWidth>(s);
        nuint w = (nuint)TWidth.Count;
        nuint last = n - w;
        c.Moments<TRule>(Unsafe.ReadUnaligned<TVector>(m + last), Unsafe.ReadUnaligned<TVector>(v + last), Unsafe.ReadUnaligned<TVector>(delta + last), out TVector endM, out TVector endV);
        TVector endX = TWidth.Add(Unsafe.ReadUnaligned<TVector>(x + last), c.Increment(endM, endV));
        for (nuint i = 0; i + w <= n; i += w)
        {
            c.Moments<TRule>(Unsafe.ReadUnaligned<TVector>(m + i), Unsafe.ReadUnaligned<TVector>(v + i), Unsafe.ReadUnaligned<TVector>(delta + i), out TVector mi, out TVector vi);
            Unsafe.WriteUnaligned(m + i, mi);
            Unsafe.WriteUnaligned(v + i, vi);
            Unsafe.WriteUnaligned(x + i, TWidth.Add(Unsafe.ReadUnaligned<TVector>(x + i), c.Increment(mi, vi)));
        }

        Unsafe.WriteUnaligned(m + last, endM);
        Unsafe.WriteUnaligned(v + last, endV);
        Unsafe.WriteUnaligned(x + last, endX);
    }

    [DoesNotReturn]
    private static void ThrowUnknownRule(Backends.AdaptiveRule rule) =>
        throw new ArgumentOutOfRangeException(nameof(rule), rule, $"Unknown adaptive rule {rule}.");

    private readonly struct AdaptiveScalars
    {
        public readonly float B1, OneMinusB1, B2, OneMinusB2, Eta, Tau, Inv1, Inv2;

        public AdaptiveScalars(in Backends.AdaptiveStepParameters p)
        {
            // Every coefficient is computed in double and rounded to float once.
            B1 = (float)p.Beta1;
            OneMinusB1 = (float)(1.0 - p.Beta1);
            B2 = (float)p.Beta2;
            OneMinusB2 = (float)(1.0 - p.Beta2);
            Eta = (float)p.LearningRate;
            Tau = (float)p.Tau;
            Inv1 = (float)(1.0 / p.FirstMomentCorrection);
            Inv2 = (float)(1.0 / p.SecondMomentCorrection);
        }
    }

    // The coefficients broadcast to one width, and the step formulas written once for every width.
    private readonly struct AdaptiveCoefficients<TVector, TWidth>
        where TVector : struct
        where TWidth : struct, IVectorWidth<TVector>
    {
        private readonly TVector _b1, _oneMinusB1, _b2, _oneMinusB2, _eta, _tau, _inv1, _inv2;

        // Inlined so that the eight broadcasts stay in registers instead of going through a struct on the stack.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public AdaptiveCoefficients(in AdaptiveScalars s)
        {
            _b1 = TWidth.Create(s.B1);
            _oneMinusB1 = TWidth.Create(s.OneMinusB1);
            _b2 = TWidth.Create(s.B2);
            _oneMinusB2 = TWidth.Create(s.OneMinusB2);
            _eta = TWidth.Create(s.Eta);
            _tau = TWidth.Create(s.Tau);
            _inv1 = TWidth.Create(s.Inv1);
            _inv2 = TWidth.Create(s.Inv2);
        }

        // m' = β1·m + (1 − β1)·Δ; v' = rule(v, Δ·Δ).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Moments<TRule>(TVector m, TVector v, TVector d, out TVector mNext, out TVector vNext)
            where TRule : struct, ISecondMomentRule<TVector>
        {
            mNext = TWidth.Add(TWidth.Multiply(_b1, m), TWidth.Multiply(_oneMinusB1, d));
            vNext = TRule.Next(v, TWidth.Multiply(d, d), _b2, _oneMinusB2);
        }

        // The model's step (η·(m'·(1/c1))) / (sqrt(v'·(1/c2)) + τ).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public TVector Increment(TVector mNext, TVector vNext) =>
            TWidth.Divide(TWidth.Multiply(_eta, TWidth.Multiply(mNext, _inv1)), TWidth.Add(TWidth.Sqrt(TWidth.Multiply(vNext, _inv2)), _tau));
    }

    // The second-moment update v' = f(v, Δ², β2, 1 − β2) of one FedOpt rule, at every width.
    private interface ISecondMomentRule :
        ISecondMomentRule<float>,
        ISecondMomentRule<Vector128<float>>,
        ISecondMomentRule<Vector256<float>>,
        ISecondMomentRule<Vector512<float>>
    {
    }

    private interface ISecondMomentRule<TVector>
    {
        static abstract TVector Next(TVector v, TVector d2, TVector b2, TVector omb2);
    }

    private readonly struct AdagradRule : ISecondMomentRule
    {
        public static float Next(float v, float d2, float b2, float omb2) => v + d2;

        public static Vector128<float> Next(Vector128<float> v, Vector128<float> d2, Vector128<float> b2, Vector128<float> omb2) => v + d2;

        public static Vector256<float> Next(Vector256<float> v, Vector256<float> d2, Vector256<float> b2, Vector256<float> omb2) => v + d2;

        public static Vector512<float> Next(Vector512<float> v, Vector512<float> d2, Vector512<float> b2, Vector512<float> omb2) => v + d2;
    }

    private readonly struct AdamRule : ISecondMomentRule
    {
        public static float Next(float v, float d2, float b2, float omb2) => (b2 * v) + (omb2 * d2);

        public static Vector128<float> Next(Vector128<float> v, Vector128<float> d2, Vector128<float> b2, Vector128<float> omb2) => (b2 * v) + (omb2 * d2);

        public static Vector256<float> Next(Vector256<float> v, Vector256<float> d2, Vector256<float> b2, Vector256<float> omb2) => (b2 * v) + (omb2 * d2);

        public static Vector512<float> Next(Vector512<float> v, Vector512<float> d2, Vector512<float> b2, Vector512<float> omb2) => (b2 * v) + (omb2 * d2);
    }

    // v − (1 − β2)·Δ²·sign(v − Δ²), sign(0) = sign(NaN) = 0 (the mask form: (diff > 0) − (diff < 0), each 1 or 0).
    private readonly struct YogiRule : ISecondMomentRule
    {
        public static float Next(float v, float d2, float b2, float omb2)
        {
            float diff = v - d2;
            float sign = diff > 0f ? 1f : diff < 0f ? -1f : 0f;
            return v - (omb2 * d2 * sign);
        }

        public static Vector128<float> Next(Vector128<float> v, Vector128<float> d2, Vector128<float> b2, Vector128<float> omb2)
        {
            Vector128<float> diff = v - d2;
            Vector128<float> one = Vector128<float>.One;
            Vector128<float> sign = (Vector128.GreaterThan(diff, Vector128<float>.Zero) & one) - (Vector128.LessThan(diff, Vector128<float>.Zero) & one);
            return v - (omb2 * d2 * sign);
        }

        public static Vector256<float> Next(Vector256<float> v, Vector256<float> d2, Vector256<float> b2, Vector256<float> omb2)
        {
            Vector256<float> diff = v - d2;
            Vector256<float> one = Vector256<float>.One;
            Vector256<float> sign = (Vector256.GreaterThan(diff, Vector256<float>.Zero) & one) - (Vector256.LessThan(diff, Vector256<float>.Zero) & one);
            return v - (omb2 * d2 * sign);
        }

        public static Vector512<float> Next(Vector512<float> v, Vector512<float> d2, Vector512<float> b2, Vector512<float> omb2)
        {
            Vector512<float> diff = v - d2;
            Vector512<float> one = Vector512<float>.One;
            Vector512<float> sign = (Vector512.GreaterThan(diff, Vector512<float>.Zero) & one) - (Vector512.LessThan(diff, Vector512<float>.Zero) & one);
            return v - (omb2 * d2 * sign);
        }
    }
}
