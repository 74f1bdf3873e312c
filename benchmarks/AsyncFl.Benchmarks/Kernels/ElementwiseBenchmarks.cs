using System.Numerics.Tensors;
using AsyncFl.Backends;
using AsyncFl.Kernels;
using BenchmarkDotNet.Attributes;

namespace AsyncFl.Benchmarks.Kernels;

// Each class: the scalar loop as the baseline, then the kernel (and, where instructive, the composed
// TensorPrimitives call that the kernel replaces). Bytes touched per element are in docs/benchmarks.md.

public class MixBenchmarks : TwoVectorBenchmarkBase
{
    [Benchmark(Baseline = true)]
    public unsafe void ScalarLoop()
    {
        float* x = X.Pointer, y = Y.Pointer;
        const float a = 0.3f;
        for (int i = 0; i < D; i++)
        {
            x[i] = MathF.FusedMultiplyAdd(a, y[i] - x[i], x[i]);
        }
    }

    [Benchmark]
    public void Kernel() => VectorKernels.Mix(X.Span, Y.Span, 0.3f);

    [Benchmark]
    public void Backend() => CpuParameterBackend.Instance.Mix(X, Y, 0.3f);

    [Benchmark]
    public void TensorPrimitivesLerp() => TensorPrimitives.Lerp(X.Span, Y.Span, 0.3f, X.Span);
}

public class AddScaledBenchmarks : TwoVectorBenchmarkBase
{
    [Benchmark(Baseline = true)]
    public unsafe void ScalarLoop()
    {
        float* x = X.Pointer, y = Y.Pointer;
        const float w = 1e-7f;
        for (int i = 0; i < D; i++)
        {
            x[i] = MathF.FusedMultiplyAdd(w, y[i], x[i]);
        }
    }

    [Benchmark]
    public void Kernel() => VectorKernels.AddScaled(X.Span, Y.Span, 1e-7f);

    [Benchmark]
    public void TensorPrimitivesMultiplyAdd() => TensorPrimitives.MultiplyAdd(Y.Span, 1e-7f, X.Span, X.Span);
}

public class ScaleBenchmarks : OneVectorBenchmarkBase
{
    private float _s = 1.0000001f;

    [Benchmark(Baseline = true)]
    public unsafe void ScalarLoop()
    {
        float* x = X.Pointer;
        float s = _s = 1f / _s; // alternate s and 1/s so the values stay bounded
        for (int i = 0; i < D; i++)
        {
            x[i] *= s;
        }
    }

    [Benchmark]
    public void Kernel() => VectorKernels.Scale(X.Span, _s = 1f / _s);
}

public class CopyBenchmarks : TwoVectorBenchmarkBase
{
    [Benchmark(Baseline = true)]
    public unsafe void ScalarLoop()
    {
        float* x = X.Pointer, y = Y.Pointer;
        for (int i = 0; i < D; i++)
        {
            y[i] = x[i];
        }
    }

    [Benchmark]
    public void Kernel() => VectorKernels.Copy(X.Span, Y.Span);
}

public class DelayCompensateBenchmarks : KernelBenchmarkBase
{
    private CpuVector _d = null!, _c = null!, _b = null!;

    [GlobalSetup]
    public void Setup()
    {
        _d = NewVector(1);
        _c = NewVector(2, 1e-3f);
        _b = NewVector(3, 1e-3f);
    }

    [Benchmark(Baseline = true)]
    public unsafe void ScalarLoop()
    {
        float* d = _d.Pointer, c = _c.Pointer, b = _b.Pointer;
        const float l = 0.01f;
        for (int i = 0; i < D; i++)
        {
            float v = d[i];
            d[i] = v - (l * v * v * (c[i] - b[i]));
        }
    }

    [Benchmark]
    public void Kernel() => VectorKernels.DelayCompensate(_d.Span, _c.Span, _b.Span, 0.01f);
}

public class AdaptiveStepBenchmarks : KernelBenchmarkBase
{
    private static readonly AdaptiveStepParameters P = new(AdaptiveRule.Adam, 0.9f, 0.99f, 1e-6f, 1e-3f);
    private CpuVector _x = null!, _m = null!, _v = null!, _delta = null!;

    [GlobalSetup]
    public void Setup()
    {
        _x = NewVector(1);
        _m = NewVector(2, 1e-3f);
        _v = NewVector(3, 1e-3f);
        _delta = NewVector(4, 1e-3f);
        VectorKernels.Scale(_v.Span, 0f); // v ≥ 0
    }

    [Benchmark(Baseline = true)]
    public unsafe void ScalarLoop()
    {
        float* x = _x.Pointer, m = _m.Pointer, v = _v.Pointer, delta = _delta.Pointer;
        float b1 = (float)P.Beta1, b2 = (float)P.Beta2, eta = (float)P.LearningRate, tau = (float)P.Tau;
        for (int i = 0; i < D; i++)
        {
            float d = delta[i];
            float mi = (b1 * m[i]) + ((1f - b1) * d);
            float vi = (b2 * v[i]) + ((1f - b2) * d * d);
            m[i] = mi;
            v[i] = vi;
            x[i] += eta * mi / (MathF.Sqrt(vi) + tau);
        }
    }

    [Benchmark]
    public void Kernel() => VectorKernels.AdaptiveStep(_x.Span, _m.Span, _v.Span, _delta.Span, P);
}
