using AsyncFl.Backends;
using AsyncFl.Kernels;
using BenchmarkDotNet.Attributes;

namespace AsyncFl.Benchmarks.Kernels;

/// <summary>Weighted average of K = 8 vectors: one pass vs. 8 add-scaled passes vs. a scalar loop.</summary>
public class WeightedSumBenchmarks : KernelBenchmarkBase
{
    private const int K = 8;
    private readonly IntPtr[] _pointers = new IntPtr[K];
    private readonly ParameterVector[] _vectors = new ParameterVector[K];
    private readonly float[] _weights = [0.2f, 0.15f, 0.15f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f];
    private CpuVector _dst = null!;

    [GlobalSetup]
    public unsafe void Setup()
    {
        for (int k = 0; k < K; k++)
        {
            var v = NewVector(10 + k);
            _vectors[k] = v;
            _pointers[k] = (IntPtr)v.Pointer;
        }

        _dst = NewVector(1);
    }

    [Benchmark(Baseline = true)]
    public unsafe void ScalarLoop()
    {
        float* d = _dst.Pointer;
        for (int i = 0; i < D; i++)
        {
            float acc = 0f;
            for (int k = 0; k < K; k++)
            {
                acc = MathF.FusedMultiplyAdd(_weights[k], ((float*)_pointers[k])[i], acc);
            }

            d[i] = acc;
        }
    }

    [Benchmark]
    public unsafe void OnePass() => VectorKernels.WeightedSum(_pointers, _weights, _dst.Pointer, D);

    [Benchmark]
    public void Backend() => CpuParameterBackend.Instance.WeightedSum(_vectors, _weights, _dst);

    // Exactly K add-scaled calls (no clearing pass): the destination keeps accumulating, which costs the same.
    [Benchmark]
    public void EightAddScaled()
    {
        Span<float> d = _dst.Span;
        for (int k = 0; k < K; k++)
        {
            VectorKernels.AddScaled(d, ((CpuVector)_vectors[k]).Span, _weights[k]);
        }
    }
}
