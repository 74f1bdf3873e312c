using System.Runtime.InteropServices;

namespace AsyncFl.Backends;

/// <summary>
/// A <see cref="ParameterVector"/> of the CPU backend: 64-byte-aligned native memory (so SIMD kernels never split
/// a cache line and two vectors never alias modulo 4 KiB by accident of the managed heap).
/// </summary>
public sealed unsafe class CpuVector : ParameterVector
{
    private float* _data;

    internal CpuVector(CpuParameterBackend backend, int length)
        : base(backend, length)
    {
        nuint bytes = (nuint)Math.Max(1, length) * sizeof(float);
        _data = (float*)NativeMemory.AlignedAlloc(bytes, 64);
        NativeMemory.Clear(_data, bytes);
        if (length > 0)
        {
            GC.AddMemoryPressure((long)bytes);
        }
    }

    /// <summary>Finalizer: frees the native memory if <see cref="ParameterVector.Dispose()"/> was not called.</summary>
    ~CpuVector() => Dispose(false);

    /// <summary>The elements, valid until the vector is disposed.</summary>
    public Span<float> Span
    {
        get
        {
            ThrowIfDisposed();
            return new Span<float>(_data, Length);
        }
    }

    /// <summary>The address of element 0 (64-byte aligned), valid until the vector is disposed.</summary>
    public float* Pointer
    {
        get
        {
            ThrowIfDisposed();
            return _data;
        }
    }

    /// <inheritdoc />
    public override void CopyFrom(ReadOnlySpan<float> source)
    {
        Kernels.VectorKernels.CheckSameLength(source.Length, Length);
        source.CopyTo(Span);
    }

    /// <inheritdoc />
    public override void CopyTo(Span<float> destination)
    {
        Kernels.VectorKernels.CheckSameLength(destination.Length, Length);
        Span.CopyTo(destination);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (_data != null)
        {
            NativeMemory.AlignedFree(_data);
            _data = null;
            if (Length > 0)
            {
                GC.RemoveMemoryPressure((long)Length * sizeof(float));
            }
        }
    }
}
