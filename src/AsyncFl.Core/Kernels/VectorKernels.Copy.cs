namespace AsyncFl.Kernels;

public static partial class VectorKernels
{
    /// <summary><c>destination[i] = source[i]</c>: a plain memory copy (<see cref="Span{T}.CopyTo"/>), bit for bit (NaN payloads and −0 included).</summary>
    /// <param name="source">Read.</param>
    /// <param name="destination">Written.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Copy(ReadOnlySpan<float> source, Span<float> destination)
    {
        CheckSameLength(source.Length, destination.Length);
        source.CopyTo(destination);
    }
}
