using Xunit;

namespace AsyncFl.Simulation.Tests.TimeModels;

public class NoiseDistributionTests
{
    // 200 000 draws from a fixed seed: the sample mean is within 6 standard errors of the true mean.
    [Theory]
    [InlineData(NoiseKind.HalfNormal, 2.0, 0.0, 1.5957691216057308, 1.2061)]   // σ√(2/π); sd σ√(1−2/π)
    [InlineData(NoiseKind.Exponential, 0.5, 0.0, 0.5, 0.5)]
    [InlineData(NoiseKind.LogNormal, 0.0, 0.5, 1.1331484530668263, 0.6039)]   // e^{σ²/2}; sd √((e^{σ²}−1)e^{σ²})
    [InlineData(NoiseKind.Pareto, 1.0, 3.0, 1.5, 0.866)]                      // αxm/(α−1); sd xm√(α/((α−1)²(α−2)))
    [InlineData(NoiseKind.Uniform, 1.0, 3.0, 2.0, 0.5774)]
    public void SampleMeanMatchesTheFormula(NoiseKind kind, double p1, double p2, double mean, double sd)
    {
        NoiseDistribution noise = kind switch
        {
            NoiseKind.HalfNormal => NoiseDistribution.HalfNormal(p1),
            NoiseKind.Exponential => NoiseDistribution.Exponential(p1),
            NoiseKind.LogNormal => NoiseDistribution.LogNormal(p1, p2),
            NoiseKind.Pareto => NoiseDistribution.Pareto(p1, p2),
            _ => NoiseDistribution.Uniform(p1, p2),
        };
        Assert.Equal(mean, noise.Mean, 12);
        var random = new RandomSource(7);
        const int n = 200_000;
        double sum = 0;
        double min = double.MaxValue;
        for (int i = 0; i < n; i++)
        {
            double x = noise.Sample(random);
            sum += x;
            min = Math.Min(min, x);
        }

        Assert.True(min >= 0);
        Assert.InRange(sum / n, mean - (6 * sd / Math.Sqrt(n)), mean + (6 * sd / Math.Sqrt(n)));
    }

    [Fact]
    public void ParetoWithShapeAtMostOneHasInfiniteMean() =>
        Assert.Equal(double.PositiveInfinity, NoiseDistribution.Pareto(1, 1).Mean);

    [Fact]
    public void RejectsBadParameters()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseDistribution.HalfNormal(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseDistribution.Exponential(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseDistribution.Pareto(1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseDistribution.Uniform(2, 1));
    }

    [Fact]
    public void SameSeedSameDraws()
    {
        var n = NoiseDistribution.LogNormal(0, 1);
        var a = new RandomSource(3);
        var b = new RandomSource(3);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(n.Sample(a), n.Sample(b));
        }
    }
}
