using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using AsyncFl.Backends;
using AsyncFl.Kernels;

namespace AsyncFl.Benchmarks.Kernels;

/// <summary>
/// <c>--compare-tensorprimitives [--rounds N] [--sizes 1000,10000,…]</c>: could a kernel of <see cref="VectorKernels"/> be one
/// <see cref="TensorPrimitives"/> call? For each candidate, first whether the results are bit-identical (every
/// length 0–300 and a few large odd ones, random data and data salted with NaNs of several payloads, ±∞, ±0 and
/// subnormals), then the two timed alternately on the same 64-byte-aligned vectors (<see cref="InterleavedTimer"/>,
/// A = TensorPrimitives, B = the kernel; "A/B" &gt; 1 means the kernel is faster) at d = 10³ … 10⁷.
/// </summary>
/// <remarks>
/// The kernels that need several TensorPrimitives calls (WeightedSum, AdaptiveStep, DelayCompensate) are left out:
/// each extra call is another pass over memory. Copy is already <see cref="Span{T}.CopyTo"/>.
/// </remarks>
public static unsafe class TensorPrimitivesComparison
{
    private delegate void Pair(Span<float> x, ReadOnlySpan<float> y);

    public static int Run(string[] args)
    {
        int rounds = 21;
        int ri = Array.IndexOf(args, "--rounds");
        if (ri >= 0 && ri + 1 < args.Length)
        {
            rounds = int.Parse(args[ri + 1], System.Globalization.CultureInfo.InvariantCulture);
        }

        int[] sizes = [1_000, 10_000, 100_000, 1_000_000, 10_000_000];
        int si = Array.IndexOf(args, "--sizes");
        if (si >= 0 && si + 1 < args.Length)
        {
            sizes = args[si + 1].Split(',').Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }

        Console.WriteLine($"SIMD path: {VectorKernels.ActivePath}; {Environment.ProcessorCount} CPUs; {RuntimeInformation.FrameworkDescription}; rounds = {rounds}");
        const float S = 1f + (1f / (1 << 23));
        var candidates = new (string Name, string Call, Pair Tp, Pair Kernel)[]
        {
            ("scale", "Multiply(x, s, x)", (x, _) => TensorPrimitives.Multiply(x, S, x), (x, _) => VectorKernels.Scale(x, S)),
            ("add_scaled", "FusedMultiplyAdd(y, w, x, x)", (x, y) => TensorPrimitives.FusedMultiplyAdd(y, 1e-7f, x, x), (x, y) => VectorKernels.AddScaled(x, y, 1e-7f)),
            ("mix", "Lerp(x, y, a, x)", (x, y) => TensorPrimitives.Lerp(x, y, 0.3f, x), (x, y) => VectorKernels.Mix(x, y, 0.3f)),
            ("is_all_finite", "IsFiniteAll(y)", (x, y) => x[0] = TensorPrimitives.IsFiniteAll(y) ? 1 : 0, (x, y) => x[0] = VectorKernels.IsAllFinite(y) ? 1 : 0),
            ("max_magnitude", "|MaxMagnitude(y)|, 0 if empty", (x, y) => x[0] = y.IsEmpty ? 0f : MathF.Abs(TensorPrimitives.MaxMagnitude(y)), (x, y) => x[0] = VectorKernels.MaxMagnitude(y)),
            ("dot", "Dot(x, y) (float)", (x, y) => x[0] = TensorPrimitives.Dot(x[1..], y[1..]), (x, y) => x[0] = (float)VectorKernels.Dot(x[1..], y[1..])),
            ("squared_norm", "SumOfSquares(y) (float)", (x, y) => x[0] = TensorPrimitives.SumOfSquares(y), (x, y) => x[0] = (float)VectorKernels.SquaredNorm(y)),
            ("weighted_sum K=1", "Multiply(y, w, x)", (x, y) => TensorPrimitives.Multiply(y, 0.5f, x), ScaledCopy),
        };

        Console.WriteLine($"{"kernel",-18} {"TensorPrimitives call",-30} bit-identical (random / salted)");
        foreach (var c in candidates)
        {
            Console.WriteLine($"{c.Name,-18} {c.Call,-30} {FirstDifference(c.Tp, c.Kernel, salted: false)} / {FirstDifference(c.Tp, c.Kernel, salted: true)}");
        }

        Console.WriteLine($"{"kernel",-18} {"d",10} {"A: TP med",12} {"B: kernel",12} {"A best",12} {"B best",12} {"A/B med",8} {"A/B best",9}");
        var backend = CpuParameterBackend.Instance;
        foreach (int d in sizes)
        {
            using var xv = Fill((CpuVector)backend.Allocate(d), 1);
            using var yv = Fill((CpuVector)backend.Allocate(d), 2);
            float* px = xv.Pointer, py = yv.Pointer;
            int calls = (int)Math.Max(3, Math.Min(100_000, 30_000_000L / d)); // ≈ 1–10 ms per timed batch
            foreach (var c in candidates)
            {
                Pair tp = c.Tp, kernel = c.Kernel;
                var t = InterleavedTimer.Compare(
                    () => tp(new Span<float>(px, d), new ReadOnlySpan<float>(py, d)),
                    () => kernel(new Span<float>(px, d), new ReadOnlySpan<float>(py, d)),
                    warmups: 3, rounds, calls);
                Console.WriteLine($"{c.Name,-18} {d,10} {t.MedianA,12:F0} {t.MedianB,12:F0} {t.BestA,12:F0} {t.BestB,12:F0} {t.MedianA / t.MedianB,8:F2} {t.BestA / t.BestB,9:F2}");
            }
        }

        return 0;
    }

    // The one-input WeightedSum (destination = 0.5·y through fma(0.5, y, +0)), as FedBuff's first update of a buffer.
    private static void ScaledCopy(Span<float> x, ReadOnlySpan<float> y)
    {
        fixed (float* px = x)
        fixed (float* py = y)
        {
            IntPtr input = (IntPtr)py;
            float weight = 0.5f;
            VectorKernels.WeightedSum(new ReadOnlySpan<IntPtr>(&input, 1), new ReadOnlySpan<float>(&weight, 1), px, x.Length);
        }
    }

    // "yes", or where the first difference is.
    private static string FirstDifference(Pair tp, Pair kernel, bool salted)
    {
        float[] specials = [float.NaN, BitConverter.Int32BitsToSingle(0x7FC0_1234), BitConverter.Int32BitsToSingle(unchecked((int)0xFFA0_0001)), float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -1e-40f, 3e38f];
        foreach (int n in Enumerable.Range(2, 300).Concat([1000, 4099, 65537]))
        {
            var rng = RandomSource.Create(99, n);
            float[] x = new float[n], y = new float[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = salted && rng.Next(8) == 0 ? specials[rng.Next(specials.Length)] : (rng.NextSingle() * 4f) - 2f;
                y[i] = salted && rng.Next(8) == 0 ? specials[rng.Next(specials.Length)] : (rng.NextSingle() * 4f) - 2f;
            }

            float[] a = (float[])x.Clone(), b = (float[])x.Clone();
            tp(a, y);
            kernel(b, y);
            for (int i = 0; i < n; i++)
            {
                if (BitConverter.SingleToInt32Bits(a[i]) != BitConverter.SingleToInt32Bits(b[i]))
                {
                    return $"no (n = {n}, [{i}]: TP {a[i]:R} 0x{BitConverter.SingleToInt32Bits(a[i]):X8}, kernel {b[i]:R} 0x{BitConverter.SingleToInt32Bits(b[i]):X8})";
                }
            }
        }

        return "yes";
    }

    private static CpuVector Fill(CpuVector v, long stream)
    {
        var rng = RandomSource.Create(7, stream);
        Span<float> s = v.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = (rng.NextSingle() * 2f) - 1f;
        }

        return v;
    }
}
