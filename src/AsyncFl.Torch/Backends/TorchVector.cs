using System.Runtime.InteropServices;
using AsyncFl.Backends;
using TorchSharp;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Backends;

/// <summary>
/// A <see cref="ParameterVector"/> of the <see cref="TorchParameterBackend"/>: a contiguous 1-D <c>float32</c>
/// tensor on the backend's device. The vector owns the tensor (it is detached from every dispose scope) and
/// disposes it with the vector.
/// </summary>
public sealed class TorchVector : ParameterVector
{
    private Tensor? _tensor;

    internal TorchVector(TorchParameterBackend backend, Tensor tensor)
        : base(backend, checked((int)tensor.shape[0]))
    {
        _tensor = tensor;
        _tensor.DetachFromDisposeScope();
    }

    /// <summary>The underlying 1-D <c>float32</c> tensor (owned by this vector: do not dispose it).</summary>
    public Tensor Tensor
    {
        get
        {
            ThrowIfDisposed();
            return _tensor!;
        }
    }

    /// <summary>The device the tensor lives on.</summary>
    public Device Device => Tensor.device;

    /// <summary>
    /// Whether <see cref="AsSpan"/> can hand out the tensor's memory without a copy (a contiguous tensor on the CPU).
    /// </summary>
    public bool IsHostAccessible => Tensor.device_type == DeviceType.CPU && Tensor.is_contiguous();

    /// <summary>
    /// The tensor's memory as a span (zero-copy); valid until the vector is disposed. Only for
    /// <see cref="IsHostAccessible"/> vectors.
    /// </summary>
    /// <exception cref="InvalidOperationException">The tensor is not a contiguous CPU tensor.</exception>
    public Span<float> AsSpan()
    {
        if (!IsHostAccessible)
        {
            throw new InvalidOperationException(
                $"The tensor lives on '{Tensor.device}' (or is not contiguous); use CopyTo/CopyFrom instead of AsSpan.");
        }

        return MemoryMarshal.Cast<byte, float>(Tensor.bytes);
    }

    /// <inheritdoc />
    public override void CopyFrom(ReadOnlySpan<float> source)
    {
        VectorKernelsAccess.CheckLength(source.Length, Length);
        if (IsHostAccessible)
        {
            source.CopyTo(AsSpan());
            return;
        }

        using var scope = NewDisposeScope();
        using var host = tensor(source.ToArray(), dtype: ScalarType.Float32);
        using (no_grad())
        {
            Tensor.copy_(host);
        }
    }

    /// <inheritdoc />
    public override void CopyTo(Span<float> destination)
    {
        VectorKernelsAccess.CheckLength(destination.Length, Length);
        if (IsHostAccessible)
        {
            AsSpan().CopyTo(destination);
            return;
        }

        using var scope = NewDisposeScope();
        using var host = Tensor.detach().cpu().contiguous();
        MemoryMarshal.Cast<byte, float>(host.bytes).CopyTo(destination);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        var t = Interlocked.Exchange(ref _tensor, null);
        if (disposing)
        {
            t?.Dispose();
        }
    }
}
