using AsyncFl.Kernels;
using BenchmarkDotNet.Attributes;

namespace AsyncFl.Benchmarks.Kernels;

public class DotBenchmarks : TwoVectorBenchmarkBase
{
    [Benchmark(Baseline = true)]
    public unsafe double ScalarLoop()
    {
        float* x = X.Pointer, y = Y.Pointer;
        double acc = 0;
        for (int i = 0; i < D; i++)
        {
            acc += (double)x[i] * y[i];
        }

        return acc;
    }

    [Benchmark]
    public double Kernel() => VectorKernels.Dot(X.Span, Y.Span);
}

public class SquaredNormBenchmarks : OneVectorBenchmarkBase
{
    [Benchmark(Baseline = true)]
    public unsafe double ScalarLoop()
    {
        float* x = X.Pointer;
        double acc = 0;
        for (int i = 0; i < D; i++)
        {
            acc += (double)x[i] * x[i];
        }

        return acc;
    }

    [Benchmark]
    public double Kernel() => VectorKernels.SquaredNorm(X.Span);
}

public class IsAllFiniteBenchmarks : OneVectorBenchmarkBase
{
    [Benchmark(Baseline = true)]
    public unsafe bool ScalarLoop()
    {
        float* x = X.Pointer;
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
    public bool Kernel() => VectorKernels.IsAllFinite(X.Span);
}
