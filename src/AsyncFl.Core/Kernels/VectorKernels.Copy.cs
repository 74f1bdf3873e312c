namespace AsyncFl.Kernels;

public static partial class VectorKernels
{
    /// <summary><c>destination[i] = source[i]</c>: a plain memory copy (<see cref="Span{T}.CopyTo"/>), bit for bit (NaN payloads and −0 included).</summary>
    /// <param name="source">Read.</param>
    /// <param name="destination">Written; may be the very same memory as <paramref name="source"/> (then nothing changes), and must not overlap it otherwise.</param>
    /// <exception cref="ArgumentException">The lengths differ, or the spans overlap without being the same memory.</exception>
    public static void Copy(ReadOnlySpan<float> source, Span<float> destination)
    {
        CheckSameLength(source.Length, destination.Length);
        CheckInPlaceOrDisjoint(destination, source, nameof(destination), nameof(source));
        source.CopyTo(destination);
    }
}
