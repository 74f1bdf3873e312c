using AsyncFl.Backends;
using AsyncFl.Kernels;
using BenchmarkDotNet.Attributes;

namespace AsyncFl.Benchmarks.Kernels;

public class DotBenchmarks : KernelBenchmarkBase
{
    private CpuVector _x = null!, _y = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = NewVector(1);
        _y = NewVector(2);
    }

    [Benchmark(Baseline = true)]
    public unsafe double ScalarLoop()
    {
        float* x = _x.Pointer, y = _y.Pointer;
        double acc = 0;
        for (int i = 0; i < D; i++)
        {
            acc += (double)x[i] * y[i];
        }

        return acc;
    }

    [Benchmark]
    public double Kernel() => VectorKernels.Dot(_x.Span, _y.Span);
}

public class SquaredNormBenchmarks : KernelBenchmarkBase
{
    private CpuVector _x = null!;

    [GlobalSetup]
    public void Setup() => _x = NewVector(1);

    [Benchmark(Baseline = true)]
    public unsafe double ScalarLoop()
    {
        float* x = _x.Pointer;
        double acc = 0;
        for (int i = 0; i < D; i++)
        {
            acc += (double)x[i] * x[i];
        }

        return acc;
    }

    [Benchmark]
    public double Kernel() => VectorKernels.SquaredNorm(_x.Span);
}

public class IsAllFiniteBenchmarks : KernelBenchmarkBase
{
    private CpuVector _x = null!;

    [GlobalSetup]
    public void Setup() => _x = NewVector(1);

    [Benchmark(Baseline = true)]
    public unsafe bool ScalarLoop()
    {
        float* x = _x.Pointer;
        for (int i = 0; i < D; i++)
        {
            if (!float.IsFinite(x[i]))
            {
                return false;
            }
        }

        return true;
    }

    [Benchmark]
    public bool Kernel() => VectorKernels.IsAllFinite(_x.Span);
}
