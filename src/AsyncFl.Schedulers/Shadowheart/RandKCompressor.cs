namespace AsyncFl.Schedulers;

/// <summary>
/// RandK: keeps K coordinates chosen uniformly without replacement and scales them by d/K, so that
/// <c>E[C(x)] = x</c> and <c>E‖C(x) − x‖² = (d/K − 1)‖x‖²</c>, i.e. <c>ω = d/K − 1</c>. Sends K values (the indices
/// follow from a shared seed or are counted as free, as in the Shadowheart paper's time model <c>τ_i = K·c_i</c>).
/// </summary>
/// <remarks>Thread-safe: the scratch index buffer is per thread.</remarks>
public sealed class RandKCompressor : IUpdateCompressor
{
    [ThreadStatic]
    private static int[]? s_threadIndices;

    /// <summary>Creates the compressor.</summary>
    /// <param name="k">K ≥ 1 (capped at d when compressing).</param>
    public RandKCompressor(int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        K = k;
    }

    /// <summary>K.</summary>
    public int K { get; }

    /// <inheritdoc />
    public string Name => $"RandK(K={K})";

    /// <inheritdoc />
    public double Omega(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        return ((double)dimension / Math.Min(K, dimension)) - 1.0;
    }

    /// <inheritdoc />
    public int TransmittedElements(int dimension) => Math.Min(K, dimension);

    /// <inheritdoc />
    public void Compress(ReadOnlySpan<float> source, Span<float> destination, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        int d = source.Length;
        if (destination.Length != d)
        {
            throw new ArgumentException($"destination has length {destination.Length}, source {d}.", nameof(destination));
        }

        int k = Math.Min(K, d);
        if (k == d)
        {
            source.CopyTo(destination);
            return;
        }

        int[] idx = s_threadIndices is { } buf && buf.Length >= d ? buf : (s_threadIndices = new int[d]);
        for (int i = 0; i < d; i++)
        {
            idx[i] = i;
        }

        destination.Clear();
        float scale = (float)((double)d / k);
        for (int j = 0; j < k; j++)
        {
            int r = j + random.Next(d - j);
            (idx[j], idx[r]) = (idx[r], idx[j]);
            destination[idx[j]] = source[idx[j]] * scale;
        }
    }
}
