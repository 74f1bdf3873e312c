using Xunit;

namespace AsyncFl.Core.Tests.Randomness;

/// <summary><see cref="RandomSource.Reseed(long, long)"/>: an allocation-free restart equal to a new stream.</summary>
public class RandomSourceReseedTests
{
    [Theory]
    [InlineData(0L, 0L)]
    [InlineData(42L, 7L)]
    [InlineData(-5L, long.MaxValue)]
    public void ReseedDrawsExactlyWhatCreateDraws(long seed, long stream)
    {
        var reused = new RandomSource(123);
        reused.NextDouble(); // some prior state
        reused.NextGaussian();
        reused.Reseed(seed, stream);
        var fresh = RandomSource.Create(seed, stream);
        Assert.Equal(fresh.Seed, reused.Seed);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(fresh.NextUInt64(), reused.NextUInt64());
        }

        Assert.Equal(fresh.NextGaussian(), reused.NextGaussian());
        Assert.Equal(fresh.Next(1000), reused.Next(1000));
    }

    [Fact]
    public void ReseedWithOneSeedEqualsTheConstructor()
    {
        var reused = RandomSource.Create(9, 9);
        reused.Reseed(77);
        var fresh = new RandomSource(77);
        Assert.Equal(77, reused.Seed);
        Assert.Equal(fresh.NextDouble(), reused.NextDouble());
        Assert.Equal(fresh.NextInt64(), reused.NextInt64());
    }
}
