using System.Runtime.CompilerServices;

namespace AsyncFl;

/// <summary>
/// A seeded, fast, platform-independent random source (xoshiro256** seeded through SplitMix64), usable wherever
/// a <see cref="Random"/> is expected (MathNet.Numerics distributions included). The same seed gives the same
/// sequence on every machine and .NET version. <see cref="Fork"/> derives independent streams (per client, per
/// worker) from one root seed. Not thread-safe: give each thread its own stream.
/// </summary>
public sealed class RandomSource : Random
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a source from a 64-bit seed.</summary>
    /// <param name="seed">The seed.</param>
    public RandomSource(long seed)
        : base(0)
    {
        Seed = seed;
        ulong x = unchecked((ulong)seed);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The seed this source was created from (or last re-seeded with).</summary>
    public long Seed { get; private set; }

    /// <summary>
    /// An independent stream for <paramref name="streamId"/> derived from <paramref name="seed"/> (hashing both), so
    /// that, e.g., client 17's draws do not depend on how many draws client 3 made.
    /// </summary>
    /// <param name="seed">Root seed.</param>
    /// <param name="streamId">Stream number.</param>
    public static RandomSource Create(long seed, long streamId) => new(StreamSeed(seed, streamId));

    /// <summary>
    /// Restarts this source as the stream <see cref="Create"/> would return for (<paramref name="seed"/>,
    /// <paramref name="streamId"/>): afterwards it draws exactly the same sequence as a new
    /// <c>RandomSource.Create(seed, streamId)</c>, without allocating (hot paths re-seed one instance per task).
    /// </summary>
    /// <param name="seed">Root seed.</param>
    /// <param name="streamId">Stream number.</param>
    public void Reseed(long seed, long streamId) => Reseed(StreamSeed(seed, streamId));

    /// <summary>
    /// Restarts this source as <c>new RandomSource(seed)</c> would start (same sequence), without allocating.
    /// </summary>
    /// <param name="seed">The seed.</param>
    public void Reseed(long seed)
    {
        Seed = seed;
        ulong x = unchecked((ulong)seed);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A new independent stream derived from this source's seed and <paramref name="streamId"/>.</summary>
    /// <param name="streamId">Stream number.</param>
    public RandomSource Fork(long streamId) => Create(Seed, streamId);

    /// <summary>The next raw 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitRotate(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitRotate(_s3, 45);
        return result;
    }

    /// <inheritdoc />
    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <inheritdoc />
    protected override double Sample() => NextDouble();

    /// <inheritdoc />
    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <inheritdoc />
    public override int Next() => (int)(NextUInt64() >> 33);

    /// <inheritdoc />
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextBounded((ulong)maxValue);
    }

    /// <inheritdoc />
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)((long)minValue + (long)NextBounded((ulong)((long)maxValue - minValue)));
    }

    /// <inheritdoc />
    public override long NextInt64() => (long)(NextUInt64() >> 1);

    /// <inheritdoc />
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (long)NextBounded((ulong)maxValue);
    }

    /// <inheritdoc />
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return unchecked(minValue + (long)NextBounded((ulong)(maxValue - minValue)));
    }

    /// <inheritdoc />
    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    /// <inheritdoc />
    public override void NextBytes(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)(NextUInt64() >> 56);
        }
    }

    /// <summary>A standard normal draw (Box–Muller; one value per call).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    // Lemire's nearly-divisionless bounded draw: unbiased.
    private ulong NextBounded(ulong bound)
    {
        if (bound <= 1)
        {
            return 0;
        }

        ulong x = NextUInt64();
        UInt128 m = (UInt128)x * bound;
        ulong l = (ulong)m;
        if (l < bound)
        {
            ulong t = (0 - bound) % bound;
            while (l < t)
            {
                x = NextUInt64();
                m = (UInt128)x * bound;
                l = (ulong)m;
            }
        }

        return (ulong)(m >> 64);
    }

    private static long StreamSeed(long seed, long streamId)
    {
        ulong x = unchecked((ulong)seed ^ (0x9E3779B97F4A7C15UL * (ulong)(streamId + 1)));
        ulong a = SplitMix(ref x);
        return unchecked((long)(a ^ SplitMix(ref x)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong BitRotate(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
