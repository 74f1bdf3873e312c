using AsyncFl.Sampling;
using Xunit;

namespace AsyncFl.Core.Tests.Sampling;

public class PoissonSamplerTests
{
    [Fact]
    public void PoissonHorvitzThompsonWeightsAreOneOverNpAndUnbiased()
    {
        double[] p = [1, 0.5, 0.25, 0.25];
        double[] u = [1, 2, 3, 4];                   // population mean 2.5
        var sampler = new PoissonSampler(p);
        var rng = RandomSource.Create(91, 1);
        var ids = new int[4];
        var w = new double[4];
        double total = 0;
        int draws = 40_000, client0 = 0;
        for (int d = 0; d < draws; d++)
        {
            int c = sampler.Sample(4, ids, w, rng);
            for (int k = 0; k < c; k++)
            {
                Assert.Equal(1.0 / (4 * p[ids[k]]), w[k]);
                total += w[k] * u[ids[k]];
                client0 += ids[k] == 0 ? 1 : 0;
            }
        }

        Assert.Equal(draws, client0);                  // p = 1: always in
        // Var of one estimate = Σ (1−p)/p (u/N)² = 4.9375 → sd of the mean ≈ 0.011; 0.05 is > 4 sd.
        Assert.InRange(total / draws, 2.45, 2.55);
    }
}
