namespace AsyncFl;

/// <summary>
/// An unbiased compressor <c>C</c> with <c>E[C(x)] = x</c> and <c>E‖C(x) − x‖² ≤ ω‖x‖²</c> (e.g. RandK, ω = d/K − 1).
/// </summary>
public interface IUpdateCompressor
{
    /// <summary>A short description.</summary>
    string Name { get; }

    /// <summary>The variance parameter ω for vectors of dimension <paramref name="dimension"/>.</summary>
    /// <param name="dimension">d.</param>
    double Omega(int dimension);

    /// <summary>Number of float values actually sent for a vector of dimension d (drives communication time).</summary>
    /// <param name="dimension">d.</param>
    int TransmittedElements(int dimension);

    /// <summary>Writes <c>C(source)</c> into <paramref name="destination"/> (dense, same length). The two spans must
    /// not overlap: implementations may clear the destination before reading the source.</summary>
    /// <param name="source">x.</param>
    /// <param name="destination">C(x).</param>
    /// <param name="random">Seeded randomness for this compression.</param>
    void Compress(ReadOnlySpan<float> source, Span<float> destination, RandomSource random);
}
