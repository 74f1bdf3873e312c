using System.Runtime.InteropServices;
using AsyncFl.Backends;
using AsyncFl.Kernels;

namespace AsyncFl.Benchmarks.Kernels;

/// <summary>
/// <c>--compare-native [path/to/libasyncfl_native.so] [--rounds N] [--aggregators]</c>: times the C reference kernels
/// (benchmarks/native) and the C# kernels alternately in one process — C, C#, C, C#, … on the same memory — so that
/// DRAM-bound timings (d = 10⁷), which drift ±20–30 % between runs, are compared under the same conditions.
/// Prints the median and best time per call of each, and the ratio of the medians (C time ÷ C# time: ≥ 1 means the
/// C# kernel is at least as fast as C). With <c>--aggregators</c> it times whole aggregator updates against the C
/// passes they must at least make instead (<see cref="Aggregators.AggregatorNativeComparison"/>).
/// </summary>
public static unsafe class NativeComparison
{
    private const string DefaultPath = "benchmarks/native/build/libasyncfl_native.so";

    public static int Run(string[] args)
    {
        string path = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : DefaultPath;
        int rounds = 31;
        int ri = Array.IndexOf(args, "--rounds");
        if (ri >= 0 && ri + 1 < args.Length)
        {
            rounds = int.Parse(args[ri + 1], System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"Native library '{path}' not found. Build it first (see benchmarks/native/README.md).");
            return 2;
        }

        IntPtr lib = NativeLibrary.Load(Path.GetFullPath(path));
        if (Array.IndexOf(args, "--aggregators") >= 0)
        {
            // The aggregators' bandwidth bound (docs/benchmarks.md, "Aggregators").
            int result = AsyncFl.Benchmarks.Aggregators.AggregatorNativeComparison.Run(lib, rounds);
            NativeLibrary.Free(lib);
            return result;
        }

        var cMix = (delegate* unmanaged<float*, float*, float, long, void>)NativeLibrary.GetExport(lib, "afl_mix");
        var cAdd = (delegate* unmanaged<float*, float*, float, long, void>)NativeLibrary.GetExport(lib, "afl_add_scaled");
        var cWsum = (delegate* unmanaged<float*, IntPtr*, float*, long, void>)NativeLibrary.GetExport(lib, "afl_weighted_sum8");

        Console.WriteLine($"SIMD path: {VectorKernels.ActivePath}; {Environment.ProcessorCount} CPUs; {RuntimeInformation.FrameworkDescription}; rounds = {rounds}");
        Console.WriteLine($"{"op",-24} {"d",10} {"A: C med ns",12} {"B: C# med",12} {"A best",12} {"B best",12} {"A/B med",8} {"A/B best",9} {"B GB/s",7}");
        var backend = CpuParameterBackend.Instance;
        foreach (int d in new[] { 1_000, 10_000, 100_000, 1_000_000, 10_000_000 })
        {
            using var x = Fill(backend.Allocate(d), 1);
            using var y = Fill(backend.Allocate(d), 2);
            var inputs = new CpuVector[8];
            var ptrs = new IntPtr[8];
            float[] w = [0.2f, 0.15f, 0.15f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f];
            for (int k = 0; k < 8; k++)
            {
                inputs[k] = Fill(backend.Allocate(d), 10 + k);
                ptrs[k] = (IntPtr)inputs[k].Pointer;
            }

            float* px = ((CpuVector)x).Pointer, py = ((CpuVector)y).Pointer;
            long n = d;
            int calls = (int)Math.Max(3, Math.Min(100_000, 30_000_000L / d)); // ≈ 1–10 ms per timed batch

            Compare("mix", d, 12, rounds, calls,
                () => cMix(px, py, 0.3f, n),
                () => VectorKernels.Mix(new Span<float>(px, d), new ReadOnlySpan<float>(py, d), 0.3f));
            Compare("add_scaled", d, 12, rounds, calls,
                () => cAdd(px, py, 1e-7f, n),
                () => VectorKernels.AddScaled(new Span<float>(px, d), new ReadOnlySpan<float>(py, d), 1e-7f));
            fixed (IntPtr* pp = ptrs)
            fixed (float* pw = w)
            {
                IntPtr* ppl = pp;
                float* pwl = pw;
                Compare("weighted_sum K=8", d, 36, rounds, Math.Max(3, calls / 4),
                    () => cWsum(px, ppl, pwl, n),
                    () => VectorKernels.WeightedSum(new ReadOnlySpan<IntPtr>(ppl, 8), new ReadOnlySpan<float>(pwl, 8), px, d));
                Compare("wsum8: 8×AddScaled/1pass", d, 36, rounds, Math.Max(3, calls / 4),
                    () =>
                    {
                        for (int k = 0; k < 8; k++)
                        {
                            VectorKernels.AddScaled(new Span<float>(px, d), new ReadOnlySpan<float>((float*)ppl[k], d), pwl[k]);
                        }
                    },
                    () => VectorKernels.WeightedSum(new ReadOnlySpan<IntPtr>(ppl, 8), new ReadOnlySpan<float>(pwl, 8), px, d));
            }

            foreach (var v in inputs)
            {
                v.Dispose();
            }
        }

        NativeLibrary.Free(lib);
        return 0;
    }

    private static CpuVector Fill(ParameterVector v, long stream)
    {
        var cpu = (CpuVector)v;
        var rng = RandomSource.Create(7, stream);
        Span<float> s = cpu.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = (rng.NextSingle() * 2f) - 1f;
        }

        return cpu;
    }

    // Times A and B alternately (InterleavedTimer); prints medians and bests per call, the speed ratios A ÷ B of the
    // medians and of the bests, and B's effective GB/s from its best time.
    // Rows "mix", "add_scaled", "weighted_sum K=8": A = C, B = C#. Row "wsum8: 8×AddScaled/1pass": A = 8 C#
    // AddScaled calls, B = the C# one-pass weighted sum (so the ratio is the one-pass speed-up).
    private static void Compare(string op, int d, int bytesPerElement, int rounds, int calls, Action a, Action b)
    {
        var t = InterleavedTimer.Compare(a, b, warmups: 2, rounds, calls);
        Console.WriteLine(
            $"{op,-24} {d,10} {t.MedianA,12:F0} {t.MedianB,12:F0} {t.BestA,12:F0} {t.BestB,12:F0} {t.MedianA / t.MedianB,8:F2} {t.BestA / t.BestB,9:F2} {(double)bytesPerElement * d / t.BestB,7:F1}");
    }
}
