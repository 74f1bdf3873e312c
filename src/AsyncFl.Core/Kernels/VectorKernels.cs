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
/// then scalar), unrolls the main loop four times and finishes element-wise kernels with one overlapped last
/// vector (computed from the original values before the loop, so in-place use stays correct). The scalar path and
/// every vector width compute the same IEEE operations in the same order (fused multiply-adds where documented),
/// so the results do not depend on the machine, except for the reductions (<see cref="Dot"/>,
/// <see cref="SquaredNorm"/>), whose summation order depends on the vector width.</para>
/// <para>No kernel allocates. In-place use means that the destination is the very same memory as an input; partial
/// overlaps are not supported. Lengths must match (<see cref="ArgumentException"/>) and scalar arguments must be
/// finite (<see cref="ArgumentOutOfRangeException"/>).</para>
/// </remarks>
public static class VectorKernels
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

    /// <summary>
    /// The mix (lerp): <c>x[i] = x[i] + a·(y[i] − x[i])</c> computed with one fused multiply-add, i.e.
    /// <c>(1 − a)·x[i] + a·y[i]</c>.
    /// </summary>
    /// <remarks>
    /// <c>a = 0</c> leaves <paramref name="x"/> bit-identical; <c>a = 1</c> makes it bit-identical to
    /// <paramref name="y"/> (a copy). For <c>a</c> in [0, 1] every result lies between <c>x[i]</c> and <c>y[i]</c>
    /// (inclusive) as long as <c>y[i] − x[i]</c> does not overflow <see cref="float"/> (|x|, |y| ≤ float.MaxValue / 2
    /// suffices): the rounded difference times <c>a &lt; 1</c> is below the exact difference, and the single rounding
    /// of the FMA is monotonic. NaN elements propagate.
    /// </remarks>
    /// <param name="x">Mixed in place.</param>
    /// <param name="y">Mixed in; may be the same memory as <paramref name="x"/>.</param>
    /// <param name="a">Finite weight.</param>
    public static unsafe void Mix(Span<float> x, ReadOnlySpan<float> y, float a)
    {
        CheckSameLength(x.Length, y.Length);
        CheckFinite(a, nameof(a));
        if (a == 0f)
        {
            return;
        }

        if (a == 1f)
        {
            y.CopyTo(x);
            return;
        }

        fixed (float* px = x)
        fixed (float* py = y)
        {
            Apply2<MixOp>(px, py, a, (nuint)x.Length);
        }
    }

    /// <summary><c>x[i] = x[i] + w·y[i]</c> (axpy) with one fused multiply-add; <c>w = 0</c> leaves <paramref name="x"/> bit-identical.</summary>
    /// <param name="x">Updated in place.</param>
    /// <param name="y">Added; may be the same memory as <paramref name="x"/>.</param>
    /// <param name="w">Finite weight.</param>
    public static unsafe void AddScaled(Span<float> x, ReadOnlySpan<float> y, float w)
    {
        CheckSameLength(x.Length, y.Length);
        CheckFinite(w, nameof(w));
        if (w == 0f)
        {
            return;
        }

        fixed (float* px = x)
        fixed (float* py = y)
        {
            Apply2<AddScaledOp>(px, py, w, (nuint)x.Length);
        }
    }

    /// <summary><c>x[i] = s·x[i]</c>.</summary>
    /// <param name="x">Scaled in place.</param>
    /// <param name="s">Finite factor.</param>
    public static unsafe void Scale(Span<float> x, float s)
    {
        CheckFinite(s, nameof(s));
        fixed (float* px = x)
        {
            Apply1<ScaleOp>(px, px, s, (nuint)x.Length);
        }
    }

    /// <summary><c>destination[i] = source[i]</c> (a plain memory copy).</summary>
    /// <param name="source">Read.</param>
    /// <param name="destination">Written.</param>
    public static void Copy(ReadOnlySpan<float> source, Span<float> destination)
    {
        CheckSameLength(source.Length, destination.Length);
        source.CopyTo(destination);
    }

    /// <summary><c>Σ x[i]·y[i]</c>.</summary>
    /// <remarks>
    /// Products are accumulated with fused multiply-adds in <see cref="float"/> SIMD lanes (four vectors of
    /// accumulators) over blocks of 4096 elements; the block sums are added in <see cref="double"/>. The error is
    /// therefore that of summing at most 4096 / lanes terms in single precision per lane (64 terms with
    /// <see cref="Vector512"/>), not that of n terms. The scalar path (the last &lt; one vector, or everything without
    /// SIMD) adds the exact products in <see cref="double"/>. The summation order depends on the vector width, so the
    /// last bits can differ between machines.
    /// </remarks>
    /// <param name="x">First.</param>
    /// <param name="y">Second.</param>
    public static unsafe double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        CheckSameLength(x.Length, y.Length);
        fixed (float* px = x)
        fixed (float* py = y)
        {
            return DotCore(px, py, (nuint)x.Length);
        }
    }

    /// <summary><c>Σ x[i]²</c>, accumulated like <see cref="Dot"/> (float lanes per block, double across blocks).</summary>
    /// <param name="x">The vector.</param>
    public static unsafe double SquaredNorm(ReadOnlySpan<float> x)
    {
        fixed (float* px = x)
        {
            return DotCore(px, px, (nuint)x.Length);
        }
    }

    /// <summary>Whether no element is NaN or infinite.</summary>
    /// <param name="x">The vector.</param>
    public static unsafe bool IsAllFinite(ReadOnlySpan<float> x)
    {
        fixed (float* px = x)
        {
            return IsAllFiniteCore(px, (nuint)x.Length);
        }
    }

    /// <summary><c>max_i |x[i]|</c>: +∞ when an element is ±∞, NaN when one is NaN, 0 when <paramref name="x"/> is empty.</summary>
    /// <param name="x">The vector.</param>
    /// <returns>The largest magnitude.</returns>
    public static unsafe float MaxMagnitude(ReadOnlySpan<float> x)
    {
        fixed (float* px = x)
        {
            return BitConverter.Int32BitsToSingle(MaxAbsBitsCore((int*)px, (nuint)x.Length));
        }
    }

    /// <summary>
    /// <c>destination[i] = Σ_k weights[k]·inputs[k][i]</c>: each element is <c>acc = 0</c>, then
    /// <c>acc = fma(weights[k], inputs[k][i], acc)</c> for k = 0, 1, … in order.
    /// </summary>
    /// <remarks>
    /// Up to <see cref="WeightedSumChunk"/> inputs are read together in one pass that writes the destination once;
    /// with more inputs, further passes add the next chunk into the destination. The destination may be the same
    /// memory as any of the first <see cref="WeightedSumChunk"/> inputs (e.g. <c>inputs[0]</c>), not a later one.
    /// With no inputs the destination is set to zero. One input (a scaled copy) takes a dedicated one-pass kernel with
    /// the same result, <c>fma(w, x, +0)</c> (so <c>−0</c> products become <c>+0</c>).
    /// </remarks>
    /// <param name="inputs">Addresses of K input vectors of <paramref name="length"/> floats each.</param>
    /// <param name="weights">K finite weights.</param>
    /// <param name="destination">Written.</param>
    /// <param name="length">Elements per vector (≥ 0).</param>
    public static unsafe void WeightedSum(ReadOnlySpan<IntPtr> inputs, ReadOnlySpan<float> weights, float* destination, int length)
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

        foreach (IntPtr p in inputs)
        {
            if (p == IntPtr.Zero)
            {
                ThrowNullPointer(nameof(inputs));
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
            Apply1<ScaledCopyOp>((float*)inputs[0], destination, weights[0], (nuint)length);
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

    /// <summary>
    /// <c>destination[i] = Σ_k weights[k]·inputs[k][i]</c> for K = 2; see the pointer overload for the exact meaning.
    /// </summary>
    /// <param name="a">First input.</param>
    /// <param name="wa">Its finite weight.</param>
    /// <param name="b">Second input.</param>
    /// <param name="wb">Its finite weight.</param>
    /// <param name="destination">Written; may be the same memory as an input.</param>
    public static unsafe void WeightedSum(ReadOnlySpan<float> a, float wa, ReadOnlySpan<float> b, float wb, Span<float> destination)
    {
        CheckSameLength(a.Length, destination.Length);
        CheckSameLength(b.Length, destination.Length);
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pd = destination)
        {
            IntPtr* inputs = stackalloc IntPtr[2] { (IntPtr)pa, (IntPtr)pb };
            float* weights = stackalloc float[2] { wa, wb };
            WeightedSum(new ReadOnlySpan<IntPtr>(inputs, 2), new ReadOnlySpan<float>(weights, 2), pd, destination.Length);
        }
    }

    /// <summary>One FedOpt step; see <see cref="Backends.IParameterBackend.AdaptiveStep"/>.</summary>
    /// <remarks>
    /// Per element, in this order and without fused operations: <c>m = β1·m + (1 − β1)·Δ</c>;
    /// <c>v = v + Δ²</c> (Adagrad), <c>β2·v + (1 − β2)·Δ²</c> (Adam) or <c>v − (1 − β2)·Δ²·sign(v − Δ²)</c> (Yogi,
    /// sign(NaN) = 0); <c>x = x + η·(m·(1/c1)) / (sqrt(v·(1/c2)) + τ)</c>.
    /// </remarks>
    /// <param name="x">Model.</param>
    /// <param name="m">First moment.</param>
    /// <param name="v">Second moment.</param>
    /// <param name="delta">Aggregated delta.</param>
    /// <param name="p">Scalars (all finite; the correction divisors non-zero).</param>
    public static unsafe void AdaptiveStep(Span<float> x, Span<float> m, Span<float> v, ReadOnlySpan<float> delta, in Backends.AdaptiveStepParameters p)
    {
        CheckSameLength(x.Length, m.Length);
        CheckSameLength(x.Length, v.Length);
        CheckSameLength(x.Length, delta.Length);
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
                    AdaptiveCore<AdagradRule>(px, pm, pv, pd, s, n);
                    break;
                case Backends.AdaptiveRule.Adam:
                    AdaptiveCore<AdamRule>(px, pm, pv, pd, s, n);
                    break;
                case Backends.AdaptiveRule.Yogi:
                    AdaptiveCore<YogiRule>(px, pm, pv, pd, s, n);
                    break;
                default:
                    ThrowUnknownRule(p.Rule);
                    break;
            }
        }
    }

    /// <summary>
    /// <c>delta[i] = delta[i] − ((λ·delta[i])·delta[i])·(current[i] − baseModel[i])</c> (DC-ASGD in the +Δ
    /// convention), evaluated in this order without fused operations.
    /// </summary>
    /// <param name="delta">Compensated in place.</param>
    /// <param name="current">Server model now.</param>
    /// <param name="baseModel">The update's base model.</param>
    /// <param name="lambda">Finite λ ≥ 0.</param>
    public static unsafe void DelayCompensate(Span<float> delta, ReadOnlySpan<float> current, ReadOnlySpan<float> baseModel, float lambda)
    {
        CheckSameLength(delta.Length, current.Length);
        CheckSameLength(delta.Length, baseModel.Length);
        CheckFinite(lambda, nameof(lambda));
        if (lambda < 0f)
        {
            ThrowNegative(lambda, nameof(lambda));
        }

        fixed (float* pd = delta)
        fixed (float* pc = current)
        fixed (float* pb = baseModel)
        {
            Apply3<DelayCompensateOp>(pd, pc, pb, lambda, (nuint)delta.Length);
        }
    }

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
    private static void ThrowInputsWeights(int inputs, int weights) =>
        throw new ArgumentException($"{inputs} inputs but {weights} weights: there must be one weight per input.", nameof(weights));

    [DoesNotReturn]
    private static void ThrowNullPointer(string name) =>
        throw new ArgumentNullException(name, $"'{name}' holds a null pointer.");

    [DoesNotReturn]
    private static void ThrowZero(string name) =>
        throw new ArgumentOutOfRangeException(name, 0f, $"'{name}' is a divisor and must not be zero.");

    [DoesNotReturn]
    private static void ThrowNegative(float value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be ≥ 0.");

    [DoesNotReturn]
    private static void ThrowUnknownRule(Backends.AdaptiveRule rule) =>
        throw new ArgumentOutOfRangeException(nameof(rule), rule, $"Unknown adaptive rule {rule}.");

    // ----------------------------------------------------------------------------------------------------------
    // Drivers. Each takes the widest accelerated width, unrolls 4×, and writes one overlapped last vector that was
    // computed from the original inputs before the loop (so element-wise in-place updates stay exact).
    // ----------------------------------------------------------------------------------------------------------

    private interface IOp1
    {
        static abstract float Invoke(float x, float s);

        static abstract Vector128<float> Invoke(Vector128<float> x, Vector128<float> s);

        static abstract Vector256<float> Invoke(Vector256<float> x, Vector256<float> s);

        static abstract Vector512<float> Invoke(Vector512<float> x, Vector512<float> s);
    }

    private interface IOp2
    {
        static abstract float Invoke(float x, float y, float s);

        static abstract Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> s);

        static abstract Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> s);

        static abstract Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> s);
    }

    private interface IOp3
    {
        static abstract float Invoke(float x, float y, float z, float s);

        static abstract Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> z, Vector128<float> s);

        static abstract Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> z, Vector256<float> s);

        static abstract Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> z, Vector512<float> s);
    }

    private static unsafe void Apply1<TOp>(float* src, float* dst, float s, nuint n)
        where TOp : struct, IOp1
    {
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            const int W = 16;
            Vector512<float> vs = Vector512.Create(s);
            nuint last = n - W;
            Vector512<float> end = TOp.Invoke(Vector512.Load(src + last), vs);
            for (; i + (4 * W) <= n; i += 4 * W)
            {
                Vector512<float> r0 = TOp.Invoke(Vector512.Load(src + i), vs);
                Vector512<float> r1 = TOp.Invoke(Vector512.Load(src + i + W), vs);
                Vector512<float> r2 = TOp.Invoke(Vector512.Load(src + i + (2 * W)), vs);
                Vector512<float> r3 = TOp.Invoke(Vector512.Load(src + i + (3 * W)), vs);
                r0.Store(dst + i);
                r1.Store(dst + i + W);
                r2.Store(dst + i + (2 * W));
                r3.Store(dst + i + (3 * W));
            }

            for (; i + W <= n; i += W)
            {
                TOp.Invoke(Vector512.Load(src + i), vs).Store(dst + i);
            }

            end.Store(dst + last);
            return;
        }

        if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<float>.Count)
        {
            const int W = 8;
            Vector256<float> vs = Vector256.Create(s);
            nuint last = n - W;
            Vector256<float> end = TOp.Invoke(Vector256.Load(src + last), vs);
            for (; i + (4 * W) <= n; i += 4 * W)
            {
                Vector256<float> r0 = TOp.Invoke(Vector256.Load(src + i), vs);
                Vector256<float> r1 = TOp.Invoke(Vector256.Load(src + i + W), vs);
                Vector256<float> r2 = TOp.Invoke(Vector256.Load(src + i + (2 * W)), vs);
                Vector256<float> r3 = TOp.Invoke(Vector256.Load(src + i + (3 * W)), vs);
                r0.Store(dst + i);
                r1.Store(dst + i + W);
                r2.Store(dst + i + (2 * W));
                r3.Store(dst + i + (3 * W));
            }

            for (; i + W <= n; i += W)
            {
                TOp.Invoke(Vector256.Load(src + i), vs).Store(dst + i);
            }

            end.Store(dst + last);
            return;
        }

        if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<float>.Count)
        {
            const int W = 4;
            Vector128<float> vs = Vector128.Create(s);
            nuint last = n - W;
            Vector128<float> end = TOp.Invoke(Vector128.Load(src + last), vs);
            for (; i + (4 * W) <= n; i += 4 * W)
            {
                Vector128<float> r0 = TOp.Invoke(Vector128.Load(src + i), vs);
                Vector128<float> r1 = TOp.Invoke(Vector128.Load(src + i + W), vs);
                Vector128<float> r2 = TOp.Invoke(Vector128.Load(src + i + (2 * W)), vs);
                Vector128<float> r3 = TOp.Invoke(Vector128.Load(src + i + (3 * W)), vs);
                r0.Store(dst + i);
                r1.Store(dst + i + W);
                r2.Store(dst + i + (2 * W));
                r3.Store(dst + i + (3 * W));
            }

            for (; i + W <= n; i += W)
            {
                TOp.Invoke(Vector128.Load(src + i), vs).Store(dst + i);
            }

            end.Store(dst + last);
            return;
        }

        for (; i < n; i++)
        {
            dst[i] = TOp.Invoke(src[i], s);
        }
    }

    private static unsafe void Apply2<TOp>(float* x, float* y, float s, nuint n)
        where TOp : struct, IOp2
    {
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            const int W = 16;
            Vector512<float> vs = Vector512.Create(s);
            nuint last = n - W;
            Vector512<float> end = TOp.Invoke(Vector512.Load(x + last), Vector512.Load(y + last), vs);
            for (; i + (4 * W) <= n; i += 4 * W)
            {
                Vector512<float> r0 = TOp.Invoke(Vector512.Load(x + i), Vector512.Load(y + i), vs);
                Vector512<float> r1 = TOp.Invoke(Vector512.Load(x + i + W), Vector512.Load(y + i + W), vs);
                Vector512<float> r2 = TOp.Invoke(Vector512.Load(x + i + (2 * W)), Vector512.Load(y + i + (2 * W)), vs);
                Vector512<float> r3 = TOp.Invoke(Vector512.Load(x + i + (3 * W)), Vector512.Load(y + i + (3 * W)), vs);
                r0.Store(x + i);
                r1.Store(x + i + W);
                r2.Store(x + i + (2 * W));
                r3.Store(x + i + (3 * W));
            }

            for (; i + W <= n; i += W)
            {
                TOp.Invoke(Vector512.Load(x + i), Vector512.Load(y + i), vs).Store(x + i);
            }

            end.Store(x + last);
            return;
        }

        if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<float>.Count)
        {
            const int W = 8;
            Vector256<float> vs = Vector256.Create(s);
            nuint last = n - W;
            Vector256<float> end = TOp.Invoke(Vector256.Load(x + last), Vector256.Load(y + last), vs);
            for (; i + (4 * W) <= n; i += 4 * W)
            {
                Vector256<float> r0 = TOp.Invoke(Vector256.Load(x + i), Vector256.Load(y + i), vs);
                Vector256<float> r1 = TOp.Invoke(Vector256.Load(x + i + W), Vector256.Load(y + i + W), vs);
                Vector256<float> r2 = TOp.Invoke(Vector256.Load(x + i + (2 * W)), Vector256.Load(y + i + (2 * W)), vs);
                Vector256<float> r3 = TOp.Invoke(Vector256.Load(x + i + (3 * W)), Vector256.Load(y + i + (3 * W)), vs);
                r0.Store(x + i);
                r1.Store(x + i + W);
                r2.Store(x + i + (2 * W));
                r3.Store(x + i + (3 * W));
            }

            for (; i + W <= n; i += W)
            {
                TOp.Invoke(Vector256.Load(x + i), Vector256.Load(y + i), vs).Store(x + i);
            }

            end.Store(x + last);
            return;
        }

        if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<float>.Count)
        {
            const int W = 4;
            Vector128<float> vs = Vector128.Create(s);
            nuint last = n - W;
            Vector128<float> end = TOp.Invoke(Vector128.Load(x + last), Vector128.Load(y + last), vs);
            for (; i + (4 * W) <= n; i += 4 * W)
            {
                Vector128<float> r0 = TOp.Invoke(Vector128.Load(x + i), Vector128.Load(y + i), vs);
                Vector128<float> r1 = TOp.Invoke(Vector128.Load(x + i + W), Vector128.Load(y + i + W), vs);
                Vector128<float> r2 = TOp.Invoke(Vector128.Load(x + i + (2 * W)), Vector128.Load(y + i + (2 * W)), vs);
                Vector128<float> r3 = TOp.Invoke(Vector128.Load(x + i + (3 * W)), Vector128.Load(y + i + (3 * W)), vs);
                r0.Store(x + i);
                r1.Store(x + i + W);
                r2.Store(x + i + (2 * W));
                r3.Store(x + i + (3 * W));
            }

            for (; i + W <= n; i += W)
            {
                TOp.Invoke(Vector128.Load(x + i), Vector128.Load(y + i), vs).Store(x + i);
            }

            end.Store(x + last);
            return;
        }

        for (; i < n; i++)
        {
            x[i] = TOp.Invoke(x[i], y[i], s);
        }
    }

    private static unsafe void Apply3<TOp>(float* x, float* y, float* z, float s, nuint n)
        where TOp : struct, IOp3
    {
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            const int W = 16;
            Vector512<float> vs = Vector512.Create(s);
            nuint last = n - W;
            Vector512<float> end = TOp.Invoke(Vector512.Load(x + last), Vector512.Load(y + last), Vector512.Load(z + last), vs);
            for (; i + (2 * W) <= n; i += 2 * W)
            {
                Vector512<float> r0 = TOp.Invoke(Vector512.Load(x + i), Vector512.Load(y + i), Vector512.Load(z + i), vs);
                Vector512<float> r1 = TOp.Invoke(Vector512.Load(x + i + W), Vector512.Load(y + i + W), Vector512.Load(z + i + W), vs);
                r0.Store(x + i);
                r1.Store(x + i + W);
            }

            for (; i + W <= n; i += W)
            {
                TOp.Invoke(Vector512.Load(x + i), Vector512.Load(y + i), Vector512.Load(z + i), vs).Store(x + i);
            }

            end.Store(x + last);
            return;
        }

        if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<float>.Count)
        {
            const int W = 8;
            Vector256<float> vs = Vector256.Create(s);
            nuint last = n - W;
            Vector256<float> end = TOp.Invoke(Vector256.Load(x + last), Vector256.Load(y + last), Vector256.Load(z + last), vs);
            for (; i + (2 * W) <= n; i += 2 * W)
            {
                Vector256<float> r0 = TOp.Invoke(Vector256.Load(x + i), Vector256.Load(y + i), Vector256.Load(z + i), vs);
                Vector256<float> r1 = TOp.Invoke(Vector256.Load(x + i + W), Vector256.Load(y + i + W), Vector256.Load(z + i + W), vs);
                r0.Store(x + i);
                r1.Store(x + i + W);
            }

            for (; i + W <= n; i += W)
            {
                TOp.Invoke(Vector256.Load(x + i), Vector256.Load(y + i), Vector256.Load(z + i), vs).Store(x + i);
            }

            end.Store(x + last);
            return;
        }

        if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<float>.Count)
        {
            const int W = 4;
            Vector128<float> vs = Vector128.Create(s);
            nuint last = n - W;
            Vector128<float> end = TOp.Invoke(Vector128.Load(x + last), Vector128.Load(y + last), Vector128.Load(z + last), vs);
            for (; i + (2 * W) <= n; i += 2 * W)
            {
                Vector128<float> r0 = TOp.Invoke(Vector128.Load(x + i), Vector128.Load(y + i), Vector128.Load(z + i), vs);
                Vector128<float> r1 = TOp.Invoke(Vector128.Load(x + i + W), Vector128.Load(y + i + W), Vector128.Load(z + i + W), vs);
                r0.Store(x + i);
                r1.Store(x + i + W);
            }

            for (; i + W <= n; i += W)
            {
                TOp.Invoke(Vector128.Load(x + i), Vector128.Load(y + i), Vector128.Load(z + i), vs).Store(x + i);
            }

            end.Store(x + last);
            return;
        }

        for (; i < n; i++)
        {
            x[i] = TOp.Invoke(x[i], y[i], z[i], s);
        }
    }

    private readonly struct ScaleOp : IOp1
    {
        public static float Invoke(float x, float s) => x * s;

        public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> s) => x * s;

        public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> s) => x * s;

        public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> s) => x * s;
    }

    // (s·x) + 0: the first step of WeightedSum, fma(s, x, +0), without a fused operation (the product is rounded
    // once either way; adding +0 turns −0 into +0 exactly as the fma does).
    private readonly struct ScaledCopyOp : IOp1
    {
        public static float Invoke(float x, float s) => (s * x) + 0f;

        public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> s) => (s * x) + Vector128<float>.Zero;

        public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> s) => (s * x) + Vector256<float>.Zero;

        public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> s) => (s * x) + Vector512<float>.Zero;
    }

    private readonly struct MixOp : IOp2
    {
        public static float Invoke(float x, float y, float a) => MathF.FusedMultiplyAdd(a, y - x, x);

        public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> a) => Vector128.FusedMultiplyAdd(a, y - x, x);

        public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> a) => Vector256.FusedMultiplyAdd(a, y - x, x);

        public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> a) => Vector512.FusedMultiplyAdd(a, y - x, x);
    }

    private readonly struct AddScaledOp : IOp2
    {
        public static float Invoke(float x, float y, float w) => MathF.FusedMultiplyAdd(w, y, x);

        public static Vector128<float> Invoke(Vector128<float> x, Vector128<float> y, Vector128<float> w) => Vector128.FusedMultiplyAdd(w, y, x);

        public static Vector256<float> Invoke(Vector256<float> x, Vector256<float> y, Vector256<float> w) => Vector256.FusedMultiplyAdd(w, y, x);

        public static Vector512<float> Invoke(Vector512<float> x, Vector512<float> y, Vector512<float> w) => Vector512.FusedMultiplyAdd(w, y, x);
    }

    private readonly struct DelayCompensateOp : IOp3
    {
        public static float Invoke(float d, float c, float b, float l) => d - (l * d * d * (c - b));

        public static Vector128<float> Invoke(Vector128<float> d, Vector128<float> c, Vector128<float> b, Vector128<float> l) => d - (l * d * d * (c - b));

        public static Vector256<float> Invoke(Vector256<float> d, Vector256<float> c, Vector256<float> b, Vector256<float> l) => d - (l * d * d * (c - b));

        public static Vector512<float> Invoke(Vector512<float> d, Vector512<float> c, Vector512<float> b, Vector512<float> l) => d - (l * d * d * (c - b));
    }

    // ----------------------------------------------------------------------------------------------------------
    // Reductions: 4 float accumulators per block of ReductionBlock elements, blocks summed in double; scalar tail.
    // ----------------------------------------------------------------------------------------------------------

    private static unsafe double DotCore(float* x, float* y, nuint n)
    {
        double total = 0;
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            const int W = 16;
            while (i + W <= n)
            {
                nuint blockEnd = Math.Min(n, i + ReductionBlock);
                Vector512<float> a0 = Vector512<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
                for (; i + (4 * W) <= blockEnd; i += 4 * W)
                {
                    a0 = Vector512.FusedMultiplyAdd(Vector512.Load(x + i), Vector512.Load(y + i), a0);
                    a1 = Vector512.FusedMultiplyAdd(Vector512.Load(x + i + W), Vector512.Load(y + i + W), a1);
                    a2 = Vector512.FusedMultiplyAdd(Vector512.Load(x + i + (2 * W)), Vector512.Load(y + i + (2 * W)), a2);
                    a3 = Vector512.FusedMultiplyAdd(Vector512.Load(x + i + (3 * W)), Vector512.Load(y + i + (3 * W)), a3);
                }

                for (; i + W <= blockEnd; i += W)
                {
                    a0 = Vector512.FusedMultiplyAdd(Vector512.Load(x + i), Vector512.Load(y + i), a0);
                }

                total += Vector512.Sum((a0 + a1) + (a2 + a3));
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<float>.Count)
        {
            const int W = 8;
            while (i + W <= n)
            {
                nuint blockEnd = Math.Min(n, i + ReductionBlock);
                Vector256<float> a0 = Vector256<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
                for (; i + (4 * W) <= blockEnd; i += 4 * W)
                {
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Load(x + i), Vector256.Load(y + i), a0);
                    a1 = Vector256.FusedMultiplyAdd(Vector256.Load(x + i + W), Vector256.Load(y + i + W), a1);
                    a2 = Vector256.FusedMultiplyAdd(Vector256.Load(x + i + (2 * W)), Vector256.Load(y + i + (2 * W)), a2);
                    a3 = Vector256.FusedMultiplyAdd(Vector256.Load(x + i + (3 * W)), Vector256.Load(y + i + (3 * W)), a3);
                }

                for (; i + W <= blockEnd; i += W)
                {
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Load(x + i), Vector256.Load(y + i), a0);
                }

                total += Vector256.Sum((a0 + a1) + (a2 + a3));
            }
        }
        else if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<float>.Count)
        {
            const int W = 4;
            while (i + W <= n)
            {
                nuint blockEnd = Math.Min(n, i + ReductionBlock);
                Vector128<float> a0 = Vector128<float>.Zero, a1 = a0, a2 = a0, a3 = a0;
                for (; i + (4 * W) <= blockEnd; i += 4 * W)
                {
                    a0 = Vector128.FusedMultiplyAdd(Vector128.Load(x + i), Vector128.Load(y + i), a0);
                    a1 = Vector128.FusedMultiplyAdd(Vector128.Load(x + i + W), Vector128.Load(y + i + W), a1);
                    a2 = Vector128.FusedMultiplyAdd(Vector128.Load(x + i + (2 * W)), Vector128.Load(y + i + (2 * W)), a2);
                    a3 = Vector128.FusedMultiplyAdd(Vector128.Load(x + i + (3 * W)), Vector128.Load(y + i + (3 * W)), a3);
                }

                for (; i + W <= blockEnd; i += W)
                {
                    a0 = Vector128.FusedMultiplyAdd(Vector128.Load(x + i), Vector128.Load(y + i), a0);
                }

                total += Vector128.Sum((a0 + a1) + (a2 + a3));
            }
        }

        // Scalar: the tail (< one vector), or everything without SIMD: exact float products summed in double.
        for (; i < n; i++)
        {
            total += (double)x[i] * y[i];
        }

        return total;
    }

    // Finite x gives x·0 = ±0; ±∞ and NaN give NaN, which then sticks in the accumulator.
    private static unsafe bool IsAllFiniteCore(float* x, nuint n)
    {
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            const int W = 16;
            Vector512<float> zero = Vector512<float>.Zero;
            while (i + W <= n)
            {
                nuint blockEnd = Math.Min(n, i + ReductionBlock);
                Vector512<float> a0 = zero, a1 = zero, a2 = zero, a3 = zero;
                for (; i + (4 * W) <= blockEnd; i += 4 * W)
                {
                    a0 = Vector512.FusedMultiplyAdd(Vector512.Load(x + i), zero, a0);
                    a1 = Vector512.FusedMultiplyAdd(Vector512.Load(x + i + W), zero, a1);
                    a2 = Vector512.FusedMultiplyAdd(Vector512.Load(x + i + (2 * W)), zero, a2);
                    a3 = Vector512.FusedMultiplyAdd(Vector512.Load(x + i + (3 * W)), zero, a3);
                }

                for (; i + W <= blockEnd; i += W)
                {
                    a0 = Vector512.FusedMultiplyAdd(Vector512.Load(x + i), zero, a0);
                }

                if (!Vector512.EqualsAll((a0 + a1) + (a2 + a3), zero))
                {
                    return false;
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<float>.Count)
        {
            const int W = 8;
            Vector256<float> zero = Vector256<float>.Zero;
            while (i + W <= n)
            {
                nuint blockEnd = Math.Min(n, i + ReductionBlock);
                Vector256<float> a0 = zero, a1 = zero, a2 = zero, a3 = zero;
                for (; i + (4 * W) <= blockEnd; i += 4 * W)
                {
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Load(x + i), zero, a0);
                    a1 = Vector256.FusedMultiplyAdd(Vector256.Load(x + i + W), zero, a1);
                    a2 = Vector256.FusedMultiplyAdd(Vector256.Load(x + i + (2 * W)), zero, a2);
                    a3 = Vector256.FusedMultiplyAdd(Vector256.Load(x + i + (3 * W)), zero, a3);
                }

                for (; i + W <= blockEnd; i += W)
                {
                    a0 = Vector256.FusedMultiplyAdd(Vector256.Load(x + i), zero, a0);
                }

                if (!Vector256.EqualsAll((a0 + a1) + (a2 + a3), zero))
                {
                    return false;
                }
            }
        }
        else if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<float>.Count)
        {
            const int W = 4;
            Vector128<float> zero = Vector128<float>.Zero;
            while (i + W <= n)
            {
                nuint blockEnd = Math.Min(n, i + ReductionBlock);
                Vector128<float> a0 = zero, a1 = zero, a2 = zero, a3 = zero;
                for (; i + (4 * W) <= blockEnd; i += 4 * W)
                {
                    a0 += Vector128.Load(x + i) * zero;
                    a1 += Vector128.Load(x + i + W) * zero;
                    a2 += Vector128.Load(x + i + (2 * W)) * zero;
                    a3 += Vector128.Load(x + i + (3 * W)) * zero;
                }

                for (; i + W <= blockEnd; i += W)
                {
                    a0 += Vector128.Load(x + i) * zero;
                }

                if (!Vector128.EqualsAll((a0 + a1) + (a2 + a3), zero))
                {
                    return false;
                }
            }
        }

        for (; i < n; i++)
        {
            if (!float.IsFinite(x[i]))
            {
                return false;
            }
        }

        return true;
    }

    // The largest |x| as an integer maximum over the bits with the sign cleared: for non-negative floats the integer
    // order is the float order, and every NaN (all-ones exponent, non-zero mantissa) lies above +∞ (0x7F800000), so
    // one AND and one integer max per vector give max |x|, +∞, or a NaN.
    private static unsafe int MaxAbsBitsCore(int* x, nuint n)
    {
        const int AbsMask = 0x7FFF_FFFF;
        nuint i = 0;
        int best = 0;
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<int>.Count)
        {
            const int W = 16;
            Vector512<int> mask = Vector512.Create(AbsMask), a0 = Vector512<int>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (; i + (4 * W) <= n; i += 4 * W)
            {
                a0 = Vector512.Max(a0, Vector512.Load(x + i) & mask);
                a1 = Vector512.Max(a1, Vector512.Load(x + i + W) & mask);
                a2 = Vector512.Max(a2, Vector512.Load(x + i + (2 * W)) & mask);
                a3 = Vector512.Max(a3, Vector512.Load(x + i + (3 * W)) & mask);
            }

            for (; i + W <= n; i += W)
            {
                a0 = Vector512.Max(a0, Vector512.Load(x + i) & mask);
            }

            // The tail: the last full vector again (overlapping is harmless for a maximum).
            a1 = Vector512.Max(a1, Vector512.Load(x + n - W) & mask);
            i = n;
            var all = Vector512.Max(Vector512.Max(a0, a1), Vector512.Max(a2, a3));
            best = Math.Max(Vector256.Max(all.GetLower(), all.GetUpper()).ToScalarMax(), best);
        }
        else if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<int>.Count)
        {
            const int W = 8;
            Vector256<int> mask = Vector256.Create(AbsMask), a0 = Vector256<int>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (; i + (4 * W) <= n; i += 4 * W)
            {
                a0 = Vector256.Max(a0, Vector256.Load(x + i) & mask);
                a1 = Vector256.Max(a1, Vector256.Load(x + i + W) & mask);
                a2 = Vector256.Max(a2, Vector256.Load(x + i + (2 * W)) & mask);
                a3 = Vector256.Max(a3, Vector256.Load(x + i + (3 * W)) & mask);
            }

            for (; i + W <= n; i += W)
            {
                a0 = Vector256.Max(a0, Vector256.Load(x + i) & mask);
            }

            a1 = Vector256.Max(a1, Vector256.Load(x + n - W) & mask);
            i = n;
            best = Vector256.Max(Vector256.Max(a0, a1), Vector256.Max(a2, a3)).ToScalarMax();
        }
        else if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<int>.Count)
        {
            const int W = 4;
            Vector128<int> mask = Vector128.Create(AbsMask), a0 = Vector128<int>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (; i + (4 * W) <= n; i += 4 * W)
            {
                a0 = Vector128.Max(a0, Vector128.Load(x + i) & mask);
                a1 = Vector128.Max(a1, Vector128.Load(x + i + W) & mask);
                a2 = Vector128.Max(a2, Vector128.Load(x + i + (2 * W)) & mask);
                a3 = Vector128.Max(a3, Vector128.Load(x + i + (3 * W)) & mask);
            }

            for (; i + W <= n; i += W)
            {
                a0 = Vector128.Max(a0, Vector128.Load(x + i) & mask);
            }

            a1 = Vector128.Max(a1, Vector128.Load(x + n - W) & mask);
            i = n;
            best = Vector128.Max(Vector128.Max(a0, a1), Vector128.Max(a2, a3)).ToScalarMax();
        }

        for (; i < n; i++)
        {
            best = Math.Max(best, x[i] & AbsMask);
        }

        return best;
    }

    private static int ToScalarMax(this Vector256<int> v) => Vector128.Max(v.GetLower(), v.GetUpper()).ToScalarMax();

    private static int ToScalarMax(this Vector128<int> v)
    {
        int m = Math.Max(v.GetElement(0), v.GetElement(1));
        return Math.Max(m, Math.Max(v.GetElement(2), v.GetElement(3)));
    }

    // ----------------------------------------------------------------------------------------------------------
    // Weighted sum: K ≤ WeightedSumChunk inputs read together, destination written once per pass.
    // ----------------------------------------------------------------------------------------------------------

    private static unsafe void WeightedSumPass(ReadOnlySpan<IntPtr> inputs, ReadOnlySpan<float> weights, float* dst, nuint n, bool accumulate)
    {
        int k = inputs.Length;
        fixed (IntPtr* pin = inputs)
        fixed (float* pw = weights)
        {
            float** p = (float**)pin;
            nuint i = 0;
            if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
            {
                const int W = 16;
                nuint last = n - W;
                Vector512<float> end = accumulate ? Vector512.Load(dst + last) : Vector512<float>.Zero;
                for (int j = 0; j < k; j++)
                {
                    end = Vector512.FusedMultiplyAdd(Vector512.Create(pw[j]), Vector512.Load(p[j] + last), end);
                }

                for (; i + (4 * W) <= n; i += 4 * W)
                {
                    Vector512<float> a0, a1, a2, a3;
                    if (accumulate)
                    {
                        a0 = Vector512.Load(dst + i);
                        a1 = Vector512.Load(dst + i + W);
                        a2 = Vector512.Load(dst + i + (2 * W));
                        a3 = Vector512.Load(dst + i + (3 * W));
                    }
                    else
                    {
                        a0 = a1 = a2 = a3 = Vector512<float>.Zero;
                    }

                    for (int j = 0; j < k; j++)
                    {
                        float* q = p[j] + i;
                        Vector512<float> w = Vector512.Create(pw[j]);
                        a0 = Vector512.FusedMultiplyAdd(w, Vector512.Load(q), a0);
                        a1 = Vector512.FusedMultiplyAdd(w, Vector512.Load(q + W), a1);
                        a2 = Vector512.FusedMultiplyAdd(w, Vector512.Load(q + (2 * W)), a2);
                        a3 = Vector512.FusedMultiplyAdd(w, Vector512.Load(q + (3 * W)), a3);
                    }

                    a0.Store(dst + i);
                    a1.Store(dst + i + W);
                    a2.Store(dst + i + (2 * W));
                    a3.Store(dst + i + (3 * W));
                }

                for (; i + W <= n; i += W)
                {
                    Vector512<float> a0 = accumulate ? Vector512.Load(dst + i) : Vector512<float>.Zero;
                    for (int j = 0; j < k; j++)
                    {
                        a0 = Vector512.FusedMultiplyAdd(Vector512.Create(pw[j]), Vector512.Load(p[j] + i), a0);
                    }

                    a0.Store(dst + i);
                }

                end.Store(dst + last);
                return;
            }

            if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<float>.Count)
            {
                const int W = 8;
                nuint last = n - W;
                Vector256<float> end = accumulate ? Vector256.Load(dst + last) : Vector256<float>.Zero;
                for (int j = 0; j < k; j++)
                {
                    end = Vector256.FusedMultiplyAdd(Vector256.Create(pw[j]), Vector256.Load(p[j] + last), end);
                }

                for (; i + (4 * W) <= n; i += 4 * W)
                {
                    Vector256<float> a0, a1, a2, a3;
                    if (accumulate)
                    {
                        a0 = Vector256.Load(dst + i);
                        a1 = Vector256.Load(dst + i + W);
                        a2 = Vector256.Load(dst + i + (2 * W));
                        a3 = Vector256.Load(dst + i + (3 * W));
                    }
                    else
                    {
                        a0 = a1 = a2 = a3 = Vector256<float>.Zero;
                    }

                    for (int j = 0; j < k; j++)
                    {
                        float* q = p[j] + i;
                        Vector256<float> w = Vector256.Create(pw[j]);
                        a0 = Vector256.FusedMultiplyAdd(w, Vector256.Load(q), a0);
                        a1 = Vector256.FusedMultiplyAdd(w, Vector256.Load(q + W), a1);
                        a2 = Vector256.FusedMultiplyAdd(w, Vector256.Load(q + (2 * W)), a2);
                        a3 = Vector256.FusedMultiplyAdd(w, Vector256.Load(q + (3 * W)), a3);
                    }

                    a0.Store(dst + i);
                    a1.Store(dst + i + W);
                    a2.Store(dst + i + (2 * W));
                    a3.Store(dst + i + (3 * W));
                }

                for (; i + W <= n; i += W)
                {
                    Vector256<float> a0 = accumulate ? Vector256.Load(dst + i) : Vector256<float>.Zero;
                    for (int j = 0; j < k; j++)
                    {
                        a0 = Vector256.FusedMultiplyAdd(Vector256.Create(pw[j]), Vector256.Load(p[j] + i), a0);
                    }

                    a0.Store(dst + i);
                }

                end.Store(dst + last);
                return;
            }

            if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<float>.Count)
            {
                const int W = 4;
                nuint last = n - W;
                Vector128<float> end = accumulate ? Vector128.Load(dst + last) : Vector128<float>.Zero;
                for (int j = 0; j < k; j++)
                {
                    end = Vector128.FusedMultiplyAdd(Vector128.Create(pw[j]), Vector128.Load(p[j] + last), end);
                }

                for (; i + W <= n; i += W)
                {
                    Vector128<float> a0 = accumulate ? Vector128.Load(dst + i) : Vector128<float>.Zero;
                    for (int j = 0; j < k; j++)
                    {
                        a0 = Vector128.FusedMultiplyAdd(Vector128.Create(pw[j]), Vector128.Load(p[j] + i), a0);
                    }

                    a0.Store(dst + i);
                }

                end.Store(dst + last);
                return;
            }

            for (; i < n; i++)
            {
                float acc = accumulate ? dst[i] : 0f;
                for (int j = 0; j < k; j++)
                {
                    acc = MathF.FusedMultiplyAdd(pw[j], p[j][i], acc);
                }

                dst[i] = acc;
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // FedOpt step, generic over the second-moment rule.
    // ----------------------------------------------------------------------------------------------------------

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

    private interface ISecondMoment
    {
        static abstract float Next(float v, float d2, float b2, float omb2);

        static abstract Vector128<float> Next(Vector128<float> v, Vector128<float> d2, Vector128<float> b2, Vector128<float> omb2);

        static abstract Vector256<float> Next(Vector256<float> v, Vector256<float> d2, Vector256<float> b2, Vector256<float> omb2);

        static abstract Vector512<float> Next(Vector512<float> v, Vector512<float> d2, Vector512<float> b2, Vector512<float> omb2);
    }

    private readonly struct AdagradRule : ISecondMoment
    {
        public static float Next(float v, float d2, float b2, float omb2) => v + d2;

        public static Vector128<float> Next(Vector128<float> v, Vector128<float> d2, Vector128<float> b2, Vector128<float> omb2) => v + d2;

        public static Vector256<float> Next(Vector256<float> v, Vector256<float> d2, Vector256<float> b2, Vector256<float> omb2) => v + d2;

        public static Vector512<float> Next(Vector512<float> v, Vector512<float> d2, Vector512<float> b2, Vector512<float> omb2) => v + d2;
    }

    private readonly struct AdamRule : ISecondMoment
    {
        public static float Next(float v, float d2, float b2, float omb2) => (b2 * v) + (omb2 * d2);

        public static Vector128<float> Next(Vector128<float> v, Vector128<float> d2, Vector128<float> b2, Vector128<float> omb2) => (b2 * v) + (omb2 * d2);

        public static Vector256<float> Next(Vector256<float> v, Vector256<float> d2, Vector256<float> b2, Vector256<float> omb2) => (b2 * v) + (omb2 * d2);

        public static Vector512<float> Next(Vector512<float> v, Vector512<float> d2, Vector512<float> b2, Vector512<float> omb2) => (b2 * v) + (omb2 * d2);
    }

    private readonly struct YogiRule : ISecondMoment
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

    private static unsafe void AdaptiveCore<TRule>(float* x, float* m, float* v, float* delta, AdaptiveScalars s, nuint n)
        where TRule : struct, ISecondMoment
    {
        nuint i = 0;
        if (Vector512.IsHardwareAccelerated && n >= (nuint)Vector512<float>.Count)
        {
            const int W = 16;
            Vector512<float> b1 = Vector512.Create(s.B1), omb1 = Vector512.Create(s.OneMinusB1);
            Vector512<float> b2 = Vector512.Create(s.B2), omb2 = Vector512.Create(s.OneMinusB2);
            Vector512<float> eta = Vector512.Create(s.Eta), tau = Vector512.Create(s.Tau);
            Vector512<float> inv1 = Vector512.Create(s.Inv1), inv2 = Vector512.Create(s.Inv2);
            nuint last = n - W;
            Vector512<float> d = Vector512.Load(delta + last);
            Vector512<float> d2 = d * d;
            Vector512<float> endM = (b1 * Vector512.Load(m + last)) + (omb1 * d);
            Vector512<float> endV = TRule.Next(Vector512.Load(v + last), d2, b2, omb2);
            Vector512<float> endX = Vector512.Load(x + last) + (eta * (endM * inv1) / (Vector512.Sqrt(endV * inv2) + tau));
            for (; i + W <= n; i += W)
            {
                d = Vector512.Load(delta + i);
                d2 = d * d;
                Vector512<float> mi = (b1 * Vector512.Load(m + i)) + (omb1 * d);
                Vector512<float> vi = TRule.Next(Vector512.Load(v + i), d2, b2, omb2);
                mi.Store(m + i);
                vi.Store(v + i);
                (Vector512.Load(x + i) + (eta * (mi * inv1) / (Vector512.Sqrt(vi * inv2) + tau))).Store(x + i);
            }

            endM.Store(m + last);
            endV.Store(v + last);
            endX.Store(x + last);
            return;
        }

        if (Vector256.IsHardwareAccelerated && n >= (nuint)Vector256<float>.Count)
        {
            const int W = 8;
            Vector256<float> b1 = Vector256.Create(s.B1), omb1 = Vector256.Create(s.OneMinusB1);
            Vector256<float> b2 = Vector256.Create(s.B2), omb2 = Vector256.Create(s.OneMinusB2);
            Vector256<float> eta = Vector256.Create(s.Eta), tau = Vector256.Create(s.Tau);
            Vector256<float> inv1 = Vector256.Create(s.Inv1), inv2 = Vector256.Create(s.Inv2);
            nuint last = n - W;
            Vector256<float> d = Vector256.Load(delta + last);
            Vector256<float> d2 = d * d;
            Vector256<float> endM = (b1 * Vector256.Load(m + last)) + (omb1 * d);
            Vector256<float> endV = TRule.Next(Vector256.Load(v + last), d2, b2, omb2);
            Vector256<float> endX = Vector256.Load(x + last) + (eta * (endM * inv1) / (Vector256.Sqrt(endV * inv2) + tau));
            for (; i + W <= n; i += W)
            {
                d = Vector256.Load(delta + i);
                d2 = d * d;
                Vector256<float> mi = (b1 * Vector256.Load(m + i)) + (omb1 * d);
                Vector256<float> vi = TRule.Next(Vector256.Load(v + i), d2, b2, omb2);
                mi.Store(m + i);
                vi.Store(v + i);
                (Vector256.Load(x + i) + (eta * (mi * inv1) / (Vector256.Sqrt(vi * inv2) + tau))).Store(x + i);
            }

            endM.Store(m + last);
            endV.Store(v + last);
            endX.Store(x + last);
            return;
        }

        if (Vector128.IsHardwareAccelerated && n >= (nuint)Vector128<float>.Count)
        {
            const int W = 4;
            Vector128<float> b1 = Vector128.Create(s.B1), omb1 = Vector128.Create(s.OneMinusB1);
            Vector128<float> b2 = Vector128.Create(s.B2), omb2 = Vector128.Create(s.OneMinusB2);
            Vector128<float> eta = Vector128.Create(s.Eta), tau = Vector128.Create(s.Tau);
            Vector128<float> inv1 = Vector128.Create(s.Inv1), inv2 = Vector128.Create(s.Inv2);
            nuint last = n - W;
            Vector128<float> d = Vector128.Load(delta + last);
            Vector128<float> d2 = d * d;
            Vector128<float> endM = (b1 * Vector128.Load(m + last)) + (omb1 * d);
            Vector128<float> endV = TRule.Next(Vector128.Load(v + last), d2, b2, omb2);
            Vector128<float> endX = Vector128.Load(x + last) + (eta * (endM * inv1) / (Vector128.Sqrt(endV * inv2) + tau));
            for (; i + W <= n; i += W)
            {
                d = Vector128.Load(delta + i);
                d2 = d * d;
                Vector128<float> mi = (b1 * Vector128.Load(m + i)) + (omb1 * d);
                Vector128<float> vi = TRule.Next(Vector128.Load(v + i), d2, b2, omb2);
                mi.Store(m + i);
                vi.Store(v + i);
                (Vector128.Load(x + i) + (eta * (mi * inv1) / (Vector128.Sqrt(vi * inv2) + tau))).Store(x + i);
            }

            endM.Store(m + last);
            endV.Store(v + last);
            endX.Store(x + last);
            return;
        }

        for (; i < n; i++)
        {
            float d = delta[i];
            float d2 = d * d;
            float mi = (s.B1 * m[i]) + (s.OneMinusB1 * d);
            float vi = TRule.Next(v[i], d2, s.B2, s.OneMinusB2);
            m[i] = mi;
            v[i] = vi;
            x[i] += s.Eta * (mi * s.Inv1) / (MathF.Sqrt(vi * s.Inv2) + s.Tau);
        }
    }
}
