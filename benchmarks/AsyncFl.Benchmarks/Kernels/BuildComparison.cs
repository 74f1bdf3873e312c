using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using AsyncFl.Backends;
using AsyncFl.Kernels;

namespace AsyncFl.Benchmarks.Kernels;

/// <summary>
/// <c>--compare-build path/to/other/AsyncFl.Core.dll [--rounds N] [--sizes 1000,10000,…] [--kernels mix,dot,…] [--verify-only]</c>: every public kernel of
/// <see cref="VectorKernels"/> of another build of AsyncFl.Core (A, loaded into its own
/// <see cref="AssemblyLoadContext"/>) against this build's (B), in one process.
/// </summary>
/// <remarks>
/// <para>First a bit-for-bit check: every kernel of both builds on the same inputs (every length 0–300 and a few
/// large odd ones; random data, then data salted with NaNs of several payloads, ±∞, ±0 and subnormals) must give
/// the same output bits (a NaN may differ in payload or sign only; such kernels are listed), or the run stops with
/// exit code 1. Then the kernels are timed alternately on the same 64-byte-aligned vectors
/// (<see cref="InterleavedTimer"/>, A, B, B, A, …) at d = 10³ … 10⁷, so that a layout change of the kernels can be
/// checked for speed kernel by kernel under the same conditions; "A/B" &gt; 1 means this build (B) is faster.</para>
/// <para>Both builds are called the same way, through function pointers to the kernels found by reflection (the
/// other build's <c>WeightedSum</c> pointer overload may be public or internal). <c>AdaptiveStep</c> is passed this
/// build's <see cref="AdaptiveStepParameters"/> by reference: the other build must have the same layout of that
/// struct.</para>
/// </remarks>
public static unsafe class BuildComparison
{
    public static int Run(string[] args)
    {
        if (args.Length == 0 || !File.Exists(args[0]))
        {
            Console.Error.WriteLine("Usage: --compare-build path/to/other/AsyncFl.Core.dll [--rounds N] [--sizes 1000,10000,…] [--kernels mix,dot,…] [--verify-only]");
            return 2;
        }

        int rounds = 21;
        int ri = Array.IndexOf(args, "--rounds");
        if (ri >= 0 && ri + 1 < args.Length)
        {
            rounds = int.Parse(args[ri + 1], System.Globalization.CultureInfo.InvariantCulture);
        }

        int ki = Array.IndexOf(args, "--kernels");
        string[]? only = ki >= 0 && ki + 1 < args.Length ? args[ki + 1].Split(',') : null;
        int[] sizes = [1_000, 10_000, 100_000, 1_000_000, 10_000_000];
        int si = Array.IndexOf(args, "--sizes");
        if (si >= 0 && si + 1 < args.Length)
        {
            sizes = args[si + 1].Split(',').Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }

        var other = new AssemblyLoadContext("other AsyncFl.Core").LoadFromAssemblyPath(Path.GetFullPath(args[0]));
        var a = new KernelTable(other);
        var b = new KernelTable(typeof(VectorKernels).Assembly);
        Console.WriteLine($"A: {other.Location}");
        Console.WriteLine($"B: {typeof(VectorKernels).Assembly.Location}");
        Console.WriteLine($"SIMD path: {VectorKernels.ActivePath}; {Environment.ProcessorCount} CPUs; {RuntimeInformation.FrameworkDescription}; rounds = {rounds}");
        long checkedValues = Verify(a, b);
        if (checkedValues < 0)
        {
            return 1;
        }

        Console.WriteLine($"Bit-identical: every kernel of A and B gave the same bits, NaN payloads aside where listed ({checkedValues:N0} values compared).");
        if (Array.IndexOf(args, "--verify-only") < 0)
        {
            Time(a, b, rounds, sizes, only);
        }

        return 0;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bit-for-bit check
    // ---------------------------------------------------------------------------------------------------------

    // Returns the number of values compared, or −1 when a kernel gave different bits. A difference where both
    // results are NaN (another payload or sign) is listed but not counted as one: when both operands of an x64
    // instruction are NaN it passes on the first one's, and which operand of a commutative operation comes first is
    // the JIT's choice (it differs between Tier0 and optimised code, and between a kernel's scalar loop and its vector
    // loop). Run with DOTNET_TieredCompilation=0 to compare optimised code only.
    private static long Verify(KernelTable a, KernelTable b)
    {
        long compared = 0;
        var nanOnly = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var lengths = Enumerable.Range(0, 301).Concat([1000, 4099, 65537]);
        foreach (bool salted in new[] { false, true })
        {
            foreach (int n in lengths)
            {
                var rng = RandomSource.Create(2024, (n * 2) + (salted ? 1 : 0));
                float[][] data = Enumerable.Range(0, 20).Select(_ => Data(rng, n, salted)).ToArray();
                foreach (var (name, run) in Cases(data, n))
                {
                    float[] ra = run(a), rb = run(b);
                    for (int i = 0; i < ra.Length; i++)
                    {
                        int ba = BitConverter.SingleToInt32Bits(ra[i]), bb = BitConverter.SingleToInt32Bits(rb[i]);
                        if (ba == bb)
                        {
                            continue;
                        }

                        string where = $"n = {n}, value {i}: A 0x{ba:X8}, B 0x{bb:X8}";
                        bool bothNaN = ra.Length == 2 && name.EndsWith("(double)", StringComparison.Ordinal)
                            ? double.IsNaN(Whole(ra)) && double.IsNaN(Whole(rb))
                            : float.IsNaN(ra[i]) && float.IsNaN(rb[i]);
                        if (bothNaN)
                        {
                            nanOnly.TryAdd(name, where);
                            continue;
                        }

                        Console.Error.WriteLine($"NOT bit-identical: {name}, salted = {salted}, {where}.");
                        return -1;
                    }

                    compared += ra.Length;
                }
            }
        }

        foreach (var (name, where) in nanOnly)
        {
            Console.WriteLine($"Only NaN payloads/signs differ: {name} (first at {where}).");
        }

        return compared;
    }

    private static float[] Data(Random rng, int n, bool salted)
    {
        float[] specials = [float.NaN, BitConverter.Int32BitsToSingle(0x7FC0_1234), BitConverter.Int32BitsToSingle(unchecked((int)0xFFA0_0001)), float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -1e-40f, 3e38f];
        var x = GC.AllocateArray<float>(n, pinned: true);
        for (int i = 0; i < n; i++)
        {
            x[i] = salted && rng.Next(8) == 0 ? specials[rng.Next(specials.Length)] : (rng.NextSingle() * 4f) - 2f;
        }

        return x;
    }

    // Each case copies what it writes, runs one kernel of the given build and returns every output as floats (a
    // double result as its two halves, a bool as 0/1).
    private static IEnumerable<(string Name, Func<KernelTable, float[]> Run)> Cases(float[][] d, int n)
    {
        float[] x = d[0], y = d[1], z = d[2];
        foreach (float s in new[] { 0.3f, 0f, 1f, -1.75f })
        {
            yield return ($"Mix a={s}", k => { var t = Copy(x); k.Mix(t, y, s); return t; });
            yield return ($"Mix in place a={s}", k => { var t = Copy(x); k.Mix(t, t, s); return t; });
            yield return ($"AddScaled w={s}", k => { var t = Copy(x); k.AddScaled(t, y, s); return t; });
            yield return ($"AddScaled in place w={s}", k => { var t = Copy(x); k.AddScaled(t, t, s); return t; });
            yield return ($"Scale s={s}", k => { var t = Copy(x); k.Scale(t, s); return t; });
            yield return ($"DelayCompensate l={Math.Abs(s)}", k => { var t = Copy(x); k.DelayCompensate(t, y, z, Math.Abs(s)); return t; });
        }

        yield return ("Copy", k => { var t = new float[n]; k.Copy(x, t); return t; });
        yield return ("Dot (double)", k => Halves(k.Dot(x, y)));
        yield return ("Dot(x, x) (double)", k => Halves(k.Dot(x, x)));
        yield return ("SquaredNorm (double)", k => Halves(k.SquaredNorm(x)));
        yield return ("IsAllFinite", k => [k.IsAllFinite(x) ? 1f : 0f]);
        yield return ("MaxMagnitude", k => [k.MaxMagnitude(x)]);
        foreach (int count in new[] { 0, 1, 2, 3, 8, 16, 17, 20 })
        {
            var inputs = d.Take(count).Select(v => Marshal.UnsafeAddrOfPinnedArrayElement(v, 0)).ToArray();
            float[] weights = Enumerable.Range(0, count).Select(j => (0.37f * j) - 1.1f).ToArray();
            yield return ($"WeightedSum K={count}", k => { var t = GC.AllocateArray<float>(n, pinned: true); k.WeightedSum(inputs, weights, t); return t; });
            if (count > 0)
            {
                yield return ($"WeightedSum K={count} into inputs[0]", k =>
                {
                    var t = GC.AllocateArray<float>(n, pinned: true);
                    x.CopyTo(t, 0);
                    var own = (IntPtr[])inputs.Clone();
                    own[0] = Marshal.UnsafeAddrOfPinnedArrayElement(t, 0);
                    k.WeightedSum(own, weights, t);
                    return t;
                });
            }
        }

        yield return ("WeightedSum(a, wa, b, wb)", k => { var t = new float[n]; k.WeightedSum2(x, 0.25f, y, -1.5f, t); return t; });
        foreach (AdaptiveRule rule in Enum.GetValues<AdaptiveRule>())
        {
            var p = new AdaptiveStepParameters(rule, 0.9, 0.99, 0.01, 1e-3, 0.19, 0.0199);
            yield return ($"AdaptiveStep {rule}", k =>
            {
                float[] tx = Copy(x), tm = Copy(y), tv = z.Select(Math.Abs).ToArray();
                k.AdaptiveStep(tx, tm, tv, d[3], p);
                return [.. tx, .. tm, .. tv];
            });
        }
    }

    private static float[] Copy(float[] x) => (float[])x.Clone();

    private static double Whole(float[] halves) =>
        BitConverter.Int64BitsToDouble(((long)BitConverter.SingleToInt32Bits(halves[1]) << 32) | (uint)BitConverter.SingleToInt32Bits(halves[0]));

    // A double result as two floats holding its low and high 32 bits.
    private static float[] Halves(double v)
    {
        long bits = BitConverter.DoubleToInt64Bits(v);
        return [BitConverter.Int32BitsToSingle((int)bits), BitConverter.Int32BitsToSingle((int)(bits >> 32))];
    }

    // ---------------------------------------------------------------------------------------------------------
    // Interleaved timing
    // ---------------------------------------------------------------------------------------------------------

    private static void Time(KernelTable a, KernelTable b, int rounds, int[] sizes, string[]? only)
    {
        Console.WriteLine($"{"kernel",-22} {"d",10} {"A med ns",12} {"B med ns",12} {"A best",12} {"B best",12} {"A/B med",8} {"A/B best",9}");
        var backend = CpuParameterBackend.Instance;
        foreach (int d in sizes)
        {
            var vectors = Enumerable.Range(0, 12).Select(s => Fill((CpuVector)backend.Allocate(d), s, positive: s == 4)).ToArray();
            float* x = vectors[0].Pointer, y = vectors[1].Pointer, z = vectors[2].Pointer, m = vectors[3].Pointer, v = vectors[4].Pointer;
            var inputs = vectors[4..12].Select(c => (IntPtr)c.Pointer).ToArray();
            IntPtr[] one = [(IntPtr)y];
            float[] w8 = [0.2f, 0.15f, 0.15f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f], w1 = [0.5f];
            var p = new AdaptiveStepParameters(AdaptiveRule.Adam, 0.9, 0.99, 1e-6, 1e-3);
            int calls = (int)Math.Max(3, Math.Min(100_000, 30_000_000L / d)); // ≈ 1–10 ms per timed batch
            Span<float> X() => new(x, d);
            ReadOnlySpan<float> Y() => new(y, d);

            // Scale and the accumulating kernels are stable under repetition: s = 1 + 2⁻²³ grows x by < 1 % over a
            // whole run, a tiny w or η barely moves x, and Mix converges to y without changing speed.
            const float ScaleFactor = 1f + (1f / (1 << 23));
            void Pair(string op, int callsPerBatch, Action<KernelTable> f)
            {
                if (only is null || Array.IndexOf(only, op) >= 0)
                {
                    Compare(op, d, rounds, callsPerBatch, () => f(a), () => f(b));
                }
            }

            Pair("mix", calls, k => k.Mix(X(), Y(), 0.3f));
            Pair("add_scaled", calls, k => k.AddScaled(X(), Y(), 1e-7f));
            Pair("scale", calls, k => k.Scale(X(), ScaleFactor));
            Pair("copy", calls, k => k.Copy(Y(), X()));
            Pair("dot", calls, k => k.Dot(X(), Y()));
            Pair("squared_norm", calls, k => k.SquaredNorm(Y()));
            Pair("is_all_finite", calls, k => k.IsAllFinite(Y()));
            Pair("max_magnitude", calls, k => k.MaxMagnitude(Y()));
            Pair("weighted_sum K=1", calls, k => k.WeightedSum(one, w1, x, d));
            Pair("weighted_sum K=8", Math.Max(3, calls / 4), k => k.WeightedSum(inputs, w8, x, d));
            Pair("adaptive_step Adam", Math.Max(3, calls / 2), k => k.AdaptiveStep(X(), new Span<float>(m, d), new Span<float>(v, d), Y(), p));
            Pair("delay_compensate", calls, k => k.DelayCompensate(X(), Y(), new ReadOnlySpan<float>(z, d), 1e-3f));
            foreach (var c in vectors)
            {
                c.Dispose();
            }
        }
    }

    private static CpuVector Fill(CpuVector v, long stream, bool positive)
    {
        var rng = RandomSource.Create(7, stream);
        Span<float> s = v.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = positive ? rng.NextSingle() + 0.5f : (rng.NextSingle() * 2f) - 1f;
        }

        return v;
    }

    private static void Compare(string op, int d, int rounds, int calls, Action a, Action b)
    {
        var t = InterleavedTimer.Compare(a, b, warmups: 3, rounds, calls);
        Console.WriteLine($"{op,-22} {d,10} {t.MedianA,12:F0} {t.MedianB,12:F0} {t.BestA,12:F0} {t.BestB,12:F0} {t.MedianA / t.MedianB,8:F2} {t.BestA / t.BestB,9:F2}");
    }

    // The kernels of one build, as function pointers (the same call path for both builds).
    private sealed class KernelTable
    {
        private readonly delegate*<Span<float>, ReadOnlySpan<float>, float, void> _mix, _addScaled;
        private readonly delegate*<Span<float>, float, void> _scale;
        private readonly delegate*<ReadOnlySpan<float>, Span<float>, void> _copy;
        private readonly delegate*<ReadOnlySpan<float>, ReadOnlySpan<float>, double> _dot;
        private readonly delegate*<ReadOnlySpan<float>, double> _squaredNorm;
        private readonly delegate*<ReadOnlySpan<float>, bool> _isAllFinite;
        private readonly delegate*<ReadOnlySpan<float>, float> _maxMagnitude;
        private readonly delegate*<ReadOnlySpan<IntPtr>, ReadOnlySpan<float>, float*, int, void> _weightedSum;
        private readonly delegate*<ReadOnlySpan<float>, float, ReadOnlySpan<float>, float, Span<float>, void> _weightedSum2;
        private readonly delegate*<Span<float>, Span<float>, Span<float>, ReadOnlySpan<float>, in AdaptiveStepParameters, void> _adaptiveStep;
        private readonly delegate*<Span<float>, ReadOnlySpan<float>, ReadOnlySpan<float>, float, void> _delayCompensate;

        public KernelTable(Assembly core)
        {
            Type k = core.GetType("AsyncFl.Kernels.VectorKernels", throwOnError: true)!;
            Type parameters = core.GetType("AsyncFl.Backends.AdaptiveStepParameters", throwOnError: true)!;
            IntPtr F(string name, params Type[] types) =>
                (k.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, types)
                 ?? throw new MissingMethodException(k.FullName, name)).MethodHandle.GetFunctionPointer();
            Type s = typeof(Span<float>), r = typeof(ReadOnlySpan<float>), f = typeof(float);
            _mix = (delegate*<Span<float>, ReadOnlySpan<float>, float, void>)F("Mix", s, r, f);
            _addScaled = (delegate*<Span<float>, ReadOnlySpan<float>, float, void>)F("AddScaled", s, r, f);
            _scale = (delegate*<Span<float>, float, void>)F("Scale", s, f);
            _copy = (delegate*<ReadOnlySpan<float>, Span<float>, void>)F("Copy", r, s);
            _dot = (delegate*<ReadOnlySpan<float>, ReadOnlySpan<float>, double>)F("Dot", r, r);
            _squaredNorm = (delegate*<ReadOnlySpan<float>, double>)F("SquaredNorm", r);
            _isAllFinite = (delegate*<ReadOnlySpan<float>, bool>)F("IsAllFinite", r);
            _maxMagnitude = (delegate*<ReadOnlySpan<float>, float>)F("MaxMagnitude", r);
            _weightedSum = (delegate*<ReadOnlySpan<IntPtr>, ReadOnlySpan<float>, float*, int, void>)F("WeightedSum", typeof(ReadOnlySpan<IntPtr>), r, typeof(float*), typeof(int));
            _weightedSum2 = (delegate*<ReadOnlySpan<float>, float, ReadOnlySpan<float>, float, Span<float>, void>)F("WeightedSum", r, f, r, f, s);
            _adaptiveStep = (delegate*<Span<float>, Span<float>, Span<float>, ReadOnlySpan<float>, in AdaptiveStepParameters, void>)F("AdaptiveStep", s, s, s, r, parameters.MakeByRefType());
            _delayCompensate = (delegate*<Span<float>, ReadOnlySpan<float>, ReadOnlySpan<float>, float, void>)F("DelayCompensate", s, r, r, f);
        }

        public void Mix(Span<float> x, ReadOnlySpan<float> y, float a) => _mix(x, y, a);

        public void AddScaled(Span<float> x, ReadOnlySpan<float> y, float w) => _addScaled(x, y, w);

        public void Scale(Span<float> x, float s) => _scale(x, s);

        public void Copy(ReadOnlySpan<float> source, Span<float> destination) => _copy(source, destination);

        public double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => _dot(x, y);

        public double SquaredNorm(ReadOnlySpan<float> x) => _squaredNorm(x);

        public bool IsAllFinite(ReadOnlySpan<float> x) => _isAllFinite(x);

        public float MaxMagnitude(ReadOnlySpan<float> x) => _maxMagnitude(x);

        public void WeightedSum(ReadOnlySpan<IntPtr> inputs, ReadOnlySpan<float> weights, float* destination, int length) =>
            _weightedSum(inputs, weights, destination, length);

        public void WeightedSum(ReadOnlySpan<IntPtr> inputs, ReadOnlySpan<float> weights, float[] pinnedDestination) =>
            _weightedSum(inputs, weights, (float*)Marshal.UnsafeAddrOfPinnedArrayElement(pinnedDestination, 0), pinnedDestination.Length);

        public void WeightedSum2(ReadOnlySpan<float> a, float wa, ReadOnlySpan<float> b, float wb, Span<float> destination) =>
            _weightedSum2(a, wa, b, wb, destination);

        public void AdaptiveStep(Span<float> x, Span<float> m, Span<float> v, ReadOnlySpan<float> delta, in AdaptiveStepParameters p) =>
            _adaptiveStep(x, m, v, delta, in p);

        public void DelayCompensate(Span<float> delta, ReadOnlySpan<float> current, ReadOnlySpan<float> baseModel, float lambda) =>
            _delayCompensate(delta, current, baseModel, lambda);
    }
}
