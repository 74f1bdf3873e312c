using AsyncFl.Backends;
using AsyncFl.Torch.Backends;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace AsyncFl.Benchmarks.Torch;

/// <summary>Which backend a <see cref="TorchMixingBenchmarks"/> case runs on.</summary>
public enum MixBackend
{
    /// <summary><see cref="CpuParameterBackend"/> (64-byte-aligned native memory, hand-written SIMD kernels; one thread).</summary>
    Cpu,

    /// <summary><see cref="TorchParameterBackend"/> on the CPU with <c>torch.set_num_threads(1)</c>.</summary>
    Torch1T,

    /// <summary><see cref="TorchParameterBackend"/> on the CPU with <c>torch.set_num_threads(2)</c> (torch's own default here).</summary>
    Torch2T,
}

/// <summary>
/// Mixing on TorchSharp CPU tensors against the CPU backend, d = 10⁴ … 10⁷, hot (the same x and y again and again,
/// as an aggregator does). Both operations go through <see cref="IParameterBackend"/>, so each call pays the real
/// per-call overhead: argument checks, and for torch the <c>no_grad</c> guard and the native dispatch.
/// <list type="bullet">
/// <item><c>Mix</c>: x ← (1−a)·x + a·y (torch: <c>lerp_</c> with a cached 0-dim weight tensor).</item>
/// <item><c>AddScaled</c>: x ← x + w·y (torch: <c>add_(y, alpha)</c>).</item>
/// </list>
/// Both touch 12 bytes per element (read x and y, write x): the GB/s column is 12·d / time.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams)]
[Config(typeof(TorchBenchmarkConfig.Mixing))]
public class TorchMixingBenchmarks
{
    private IParameterBackend _backend = null!;
    private ParameterVector _x = null!, _y = null!;
    private TorchParameterBackend? _torch;

    [Params(10_000, 100_000, 1_000_000, 10_000_000)]
    public int D { get; set; }

    [Params(MixBackend.Cpu, MixBackend.Torch1T, MixBackend.Torch2T)]
    public MixBackend Backend { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Backend == MixBackend.Cpu)
        {
            _backend = CpuParameterBackend.Instance;
        }
        else
        {
            TorchBenchmarkConfig.SetThreads(Backend == MixBackend.Torch1T ? 1 : 2);
            _torch = new TorchParameterBackend();
            _backend = _torch;
        }

        _x = NewVector(1);
        _y = NewVector(2);
        Console.WriteLine($"// backend {_backend.Name}, d = {D}");
    }

    [Benchmark]
    public void Mix() => _backend.Mix(_x, _y, 0.3f);

    [Benchmark]
    public void AddScaled() => _backend.AddScaled(_x, _y, 1e-7f);

    [GlobalCleanup]
    public void Cleanup()
    {
        _x.Dispose();
        _y.Dispose();
        _torch?.Dispose();
    }

    private ParameterVector NewVector(long stream)
    {
        var values = new float[D];
        var rng = RandomSource.Create(42, stream);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (rng.NextSingle() * 2f) - 1f;
        }

        var v = _backend.Allocate(D);
        v.CopyFrom(values);
        return v;
    }
}
