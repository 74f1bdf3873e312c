namespace AsyncFl.Backends;

/// <summary>
/// A flat vector of model parameters owned by one <see cref="IParameterBackend"/>: native 64-byte-aligned
/// memory for the CPU backend, a 1-D tensor for the TorchSharp backend. Algorithms only ever touch it through
/// its backend's operations, so they run unchanged on every backend.
/// </summary>
public abstract class ParameterVector : IDisposable
{
    /// <summary>Initialises the common state.</summary>
    /// <param name="backend">The backend that created the vector.</param>
    /// <param name="length">Number of <see cref="float"/> elements.</param>
    protected ParameterVector(IParameterBackend backend, int length)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Backend = backend;
        Length = length;
    }

    /// <summary>The backend that owns this vector; operations must use the same backend for every operand.</summary>
    public IParameterBackend Backend { get; }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>Whether <see cref="Dispose()"/> has run.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>Copies <paramref name="source"/> (length must equal <see cref="Length"/>) into this vector.</summary>
    /// <param name="source">The values to copy in.</param>
    public abstract void CopyFrom(ReadOnlySpan<float> source);

    /// <summary>Copies this vector into <paramref name="destination"/> (length must equal <see cref="Length"/>).</summary>
    /// <param name="destination">Where to write the values.</param>
    public abstract void CopyTo(Span<float> destination);

    /// <summary>Copies the vector into a new array (for tests, snapshots and reports; allocates).</summary>
    public float[] ToArray()
    {
        var result = new float[Length];
        CopyTo(result);
        return result;
    }

    /// <summary>Releases the memory behind the vector.</summary>
    public void Dispose()
    {
        if (IsDisposed)
        {
            return;
        }

        IsDisposed = true;
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing"><see langword="true"/> from <see cref="Dispose()"/>, <see langword="false"/> from a finalizer.</param>
    protected abstract void Dispose(bool disposing);

    /// <summary>Throws <see cref="ObjectDisposedException"/> when the vector was disposed.</summary>
    protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);
}
