using AsyncFl.Backends;
using BenchmarkDotNet.Attributes;

namespace AsyncFl.Benchmarks.Kernels;

/// <summary>
/// Common set-up of the kernel benchmarks: 64-byte-aligned vectors of the CPU backend, hot (the same vectors are
/// operated on again and again, as an aggregator does), d = 10³ … 10⁷.
/// </summary>
[MemoryDiagnoser]
public abstract class KernelBenchmarkBase
{
    private readonly List<CpuVector> _owned = [];

    [Params(1_000, 10_000, 100_000, 1_000_000, 10_000_000)]
    public int D { get; set; }

    protected CpuVector NewVector(long stream, float scale = 1f)
    {
        var v = (CpuVector)CpuParameterBackend.Instance.Allocate(D);
        var rng = RandomSource.Create(42, stream);
        Span<float> s = v.Span;
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = ((rng.NextSingle() * 2f) - 1f) * scale;
        }

        _owned.Add(v);
        return v;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var v in _owned)
        {
            v.Dispose();
        }

        _owned.Clear();
    }
}

/// <summary>Kernel benchmarks on one vector: <see cref="X"/> (stream 1).</summary>
public abstract class OneVectorBenchmarkBase : KernelBenchmarkBase
{
    /// <summary>The operand (stream 1).</summary>
    protected CpuVector X { get; private set; } = null!;

    [GlobalSetup]
    public void Setup() => X = NewVector(1);
}

/// <summary>Kernel benchmarks on two vectors: <see cref="X"/> (stream 1) and <see cref="Y"/> (stream 2).</summary>
public abstract class TwoVectorBenchmarkBase : KernelBenchmarkBase
{
    /// <summary>The first operand (stream 1; the destination of the in-place kernels).</summary>
    protected CpuVector X { get; private set; } = null!;

    /// <summary>The second operand (stream 2).</summary>
    protected CpuVector Y { get; private set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        X = NewVector(1);
        Y = NewVector(2);
    }
}
