using System.Runtime.InteropServices;
using AsyncFl.Aggregators;
using AsyncFl.Backends;
using AsyncFl.Benchmarks.Kernels;
using AsyncFl.Kernels;

namespace AsyncFl.Benchmarks.Aggregators;

/// <summary>
/// <c>--compare-native [lib] --aggregators [--rounds N]</c>: the bandwidth bound of an accepted update, timed with
/// the C reference kernels (benchmarks/native), alternately with the C# aggregator in one process (C, C#, C#, C, …),
/// for FedAsync, FedBuff (K = 10) and version-aware (K = 10, deltas, 8 snapshots), d = 10⁴ … 10⁷. Both sides work
/// on 64-byte-aligned vectors; the C side reuses the aggregator's model and payload (so both compete for the same
/// cache lines) and has its own accumulator and snapshot ring.
/// </summary>
/// <remarks>
/// The C reference of 10 updates (one invocation, one server step for the buffered aggregators):
/// <list type="bullet">
/// <item>FedAsync: 10 × (<c>afl_all_finite(y)</c>; <c>afl_mix(x, y, α)</c>): 4 + 12 = 16 B per element and update.</item>
/// <item>FedBuff (also with a submit weight w = 0.5, i.e. ω ≠ 1 as with any staleness τ &gt; 0): 10 × <c>afl_all_finite(Δ)</c>; <c>afl_scale_copy(acc, Δ, ω)</c>; 9 × <c>afl_add_scaled(acc, Δ, ω)</c>;
/// <c>afl_add_scaled(x, acc, η/K)</c>: (10·4 + 8 + 9·12 + 12) / 10 = 16.8 B per element and update.</item>
/// <item>version-aware: FedBuff's, plus <c>afl_copy(snapshot[v mod 8], x)</c> once per step: 17.6 B.</item>
/// </list>
/// "of bound" = C time ÷ C# time (1.00 = the C# aggregator is as fast as the C passes it must at least make).
/// </remarks>
public static unsafe class AggregatorNativeComparison
{
    private const int UpdatesPerInvoke = 10;

    public static int Run(IntPtr lib, int rounds)
    {
        var allFinite = (delegate* unmanaged<float*, long, int>)NativeLibrary.GetExport(lib, "afl_all_finite");
        var mix = (delegate* unmanaged<float*, float*, float, long, void>)NativeLibrary.GetExport(lib, "afl_mix");
        var add = (delegate* unmanaged<float*, float*, float, long, void>)NativeLibrary.GetExport(lib, "afl_add_scaled");
        var scaleCopy = (delegate* unmanaged<float*, float*, float, long, void>)NativeLibrary.GetExport(lib, "afl_scale_copy");
        var copy = (delegate* unmanaged<float*, float*, long, void>)NativeLibrary.GetExport(lib, "afl_copy");

        Console.WriteLine($"Aggregators vs C reference passes. SIMD path: {VectorKernels.ActivePath}; {Environment.ProcessorCount} CPUs; {RuntimeInformation.FrameworkDescription}; rounds = {rounds}");
        Console.WriteLine("Times are ns per update (10 updates per invocation; one server step per invocation for the buffered ones).");
        Console.WriteLine($"{"aggregator",-14} {"d",10} {"B/elem",7} {"C med",12} {"C# med",12} {"C best",12} {"C# best",12} {"of bound med",13} {"of bound best",14} {"C GB/s",7}");
        var backend = CpuParameterBackend.Instance;
        foreach (int d in new[] { 10_000, 1_000_000, 10_000_000 })
        {
            foreach (string name in new[] { "FedAsync", "FedBuff", "FedBuff w=0.5", "VersionAware" })
            {
                var init = new float[d];
                var rng = RandomSource.Create(42, 1);
                for (int i = 0; i < d; i++)
                {
                    init[i] = (rng.NextSingle() * 2f) - 1f;
                }

                using GlobalModel model = GlobalModel.Create(backend, init);
                using ParameterVector payload = backend.Allocate(d);
                backend.Fill(payload, 1e-3f);
                IAggregator aggregator;
                UpdatePayloadKind kind;
                double bytes;
                switch (name)
                {
                    case "FedAsync":
                        aggregator = new FedAsyncOptions().CreateAggregator(model);
                        kind = UpdatePayloadKind.Weights;
                        backend.Copy(model.Parameters, payload);
                        bytes = 16;
                        break;
                    case "FedBuff":
                    case "FedBuff w=0.5":
                        aggregator = new FedBuffOptions { BufferSize = UpdatesPerInvoke }.CreateAggregator(model);
                        kind = UpdatePayloadKind.ModelDelta;
                        bytes = 16.8;
                        break;
                    default:
                        aggregator = new VersionAwareOptions { BufferSize = UpdatesPerInvoke }.CreateAggregator(model);
                        kind = UpdatePayloadKind.ModelDelta;
                        bytes = 17.6;
                        break;
                }

                using var acc = backend.Allocate(d);
                var snaps = new ParameterVector[name == "VersionAware" ? 8 : 0];
                for (int s = 0; s < snaps.Length; s++)
                {
                    snaps[s] = backend.Allocate(d);
                }

                var update = new ClientUpdate(payload) { Kind = kind, SampleCount = 10 };
                float* px = ((CpuVector)model.Parameters).Pointer;
                float* py = ((CpuVector)payload).Pointer;
                float* pacc = ((CpuVector)acc).Pointer;
                long n = d;
                long id = 0;
                int snap = 0;
                int sink = 0;
                float w = name == "FedBuff w=0.5" ? 0.5f : 1f;
                var submitOptions = new SubmitOptions { Weight = w };
                float alpha = name == "FedAsync" ? (float)new FedAsyncOptions().Alpha : 0f; // α·s(0) = α

                void CRef()
                {
                    if (name == "FedAsync")
                    {
                        for (int k = 0; k < UpdatesPerInvoke; k++)
                        {
                            sink += allFinite(py, n);
                            mix(px, py, alpha, n);
                        }

                        return;
                    }

                    for (int k = 0; k < UpdatesPerInvoke; k++)
                    {
                        sink += allFinite(py, n);
                        if (k == 0)
                        {
                            scaleCopy(pacc, py, w, n);
                        }
                        else
                        {
                            add(pacc, py, w, n);
                        }
                    }

                    add(px, pacc, 1f / UpdatesPerInvoke, n);
                    if (snaps.Length > 0)
                    {
                        copy(((CpuVector)snaps[snap]).Pointer, px, n);
                        snap = (snap + 1) % snaps.Length;
                    }
                }

                void CSharp()
                {
                    for (int k = 0; k < UpdatesPerInvoke; k++)
                    {
                        update.UpdateId = id++;
                        update.ClientId = k;
                        update.BaseVersion = model.Version;
                        AggregationOutcome o = aggregator.Submit(update, submitOptions);
                        if (o.Disposition == UpdateDisposition.Rejected)
                        {
                            throw new InvalidOperationException($"{name} rejected an update: {o.Reason}.");
                        }
                    }
                }

                int invokes = (int)Math.Max(3, Math.Min(2_000, 2_000_000L / d)); // ≈ 2–20 ms per timed batch
                Compare(name, d, bytes, rounds, invokes, CRef, CSharp);
                GC.KeepAlive(sink);
                aggregator.Dispose();
                foreach (var s in snaps)
                {
                    s.Dispose();
                }
            }
        }

        return 0;
    }

    // Times the C reference (A) and the C# aggregator (B) alternately (InterleavedTimer), in ns per update; prints
    // medians and bests, "of bound" = C time ÷ C# time, and the C side's effective GB/s from its best time.
    private static void Compare(string op, int d, double bytesPerElement, int rounds, int invokes, Action a, Action b)
    {
        var t = InterleavedTimer.Compare(a, b, warmups: 3, rounds, invokes, unitsPerCall: UpdatesPerInvoke);
        Console.WriteLine(
            $"{op,-14} {d,10} {bytesPerElement,7:F1} {t.MedianA,12:F0} {t.MedianB,12:F0} {t.BestA,12:F0} {t.BestB,12:F0} {t.MedianA / t.MedianB,13:P0} {t.BestA / t.BestB,14:P0} {bytesPerElement * d / t.BestA,7:F1}");
    }
}
