using Xunit;

namespace AsyncFl.Schedulers.Tests;

/// <summary>Rand-K compression as Shadowheart uses it: K coordinates kept, scaled by d/K, so that C(x) is unbiased with
/// variance ω‖x‖², ω = d/K − 1 (spec schedulers.md; the expected values are hand computations).</summary>
public class RandKCompressorTests
{
    [Fact]
    public void RandKIsScaledSparseAndHasTheRightOmega()
    {
        var c = new RandKCompressor(3);
        Assert.Equal(10.0 / 3 - 1, c.Omega(10), 12);
        Assert.Equal(3, c.TransmittedElements(10));
        var x = Enumerable.Range(1, 10).Select(i => (float)i).ToArray();
        var y = new float[10];
        c.Compress(x, y, new RandomSource(1));
        var nz = Enumerable.Range(0, 10).Where(j => y[j] != 0).ToArray();
        Assert.Equal(3, nz.Length);
        foreach (int j in nz)
        {
            Assert.Equal(x[j] * 10f / 3f, y[j], 5);
        }

        var again = new float[10];
        c.Compress(x, again, new RandomSource(1));
        Assert.Equal(y, again);
    }

    [Fact]
    public void OmegaAndTransmittedElements()
    {
        var c = new RandKCompressor(2);
        Assert.Equal(4.0, c.Omega(10));          // d/K − 1
        Assert.Equal(2, c.TransmittedElements(10));
        Assert.Equal(0.0, c.Omega(2));
        Assert.Equal(0.0, new RandKCompressor(50).Omega(10));
    }

    [Fact]
    public void KeepsKCoordinatesScaledByDOverKAndIsUnbiasedWithVarianceOmega()
    {
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];   // ‖x‖² = 385
        var c = new RandKCompressor(2);
        var rng = RandomSource.Create(17, 3);
        var y = new float[10];
        var mean = new double[10];
        double sq = 0;
        int n = 20_000;
        for (int r = 0; r < n; r++)
        {
            c.Compress(x, y, rng);
            int nonZero = 0;
            for (int i = 0; i < 10; i++)
            {
                if (y[i] != 0)
                {
                    nonZero++;
                    Assert.Equal(5f * x[i], y[i]);   // scale d/K = 5
                }

                mean[i] += y[i] / (double)n;
                sq += (y[i] - x[i]) * (double)(y[i] - x[i]) / n;
            }

            Assert.Equal(2, nonZero);
        }

        // E C(x) = x: per-coordinate sd of the mean = 2x_i/√n ≈ 0.0141·x_i; 8% is > 5 sd.
        for (int i = 0; i < 10; i++)
        {
            Assert.InRange(mean[i], x[i] * 0.92, x[i] * 1.08);
        }

        // E‖C(x) − x‖² = ω‖x‖² = 4·385 = 1540; sd of the estimate ≈ 4.6.
        Assert.InRange(sq, 1515, 1565);
    }
}
