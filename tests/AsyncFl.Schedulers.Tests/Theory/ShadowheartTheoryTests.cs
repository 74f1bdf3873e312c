
using AsyncFl.Schedulers.Theory;
using Xunit;

namespace AsyncFl.Schedulers.Tests;
public class ShadowheartTheoryTests
{
    private static double[] Sqrt(int n, double scale = 1) => Enumerable.Range(1, n).Select(i => scale * Math.Sqrt(i)).ToArray();

    // spec §9 oracle 5: ω = 0, τ = 0, h_i = √i, S = 10 -> t* = 3.5643 at j = 12.
    [Fact]
    public void UncompressedFreeUploadOracle()
    {
        var eq = ShadowheartTheory.Solve(Sqrt(100), new double[100], 0, 10);
        Assert.Equal(3.5643, Math.Round(eq.Time, 4), 9);
        Assert.Equal(12, eq.Prefix);
    }

    [Fact]
    public void ReducesToTheRennalaLikeClosedFormWhenOmegaAndTauAreZero()
    {
        var rng = new RandomSource(3);
        for (int trial = 0; trial < 50; trial++)
        {
            int n = 1 + rng.Next(30);
            var h = Enumerable.Range(0, n).Select(_ => 0.1 + (3 * rng.NextDouble())).OrderBy(x => x).ToArray();
            double s = 0.5 + (20 * rng.NextDouble());
            double expected = double.PositiveInfinity, inv = 0;
            for (int j = 0; j < n; j++)
            {
                inv += 1 / h[j];
                expected = Math.Min(expected, Math.Max(h[j], 2 * s / inv));
            }

            Assert.Equal(expected, ShadowheartTheory.Solve(h, new double[n], 0, s).Time, 9);
        }
    }

    // spec §4.4 table: d = 1000, n = 100, h_i = √i, τ_i = K·c·√i, ω = d/K − 1, S = 10.
    [Theory]
    [InlineData(1e-4, 1, 3.742)]
    [InlineData(1e-4, 100, 3.742)]
    [InlineData(1e-4, 1000, 3.564)]
    [InlineData(1e-3, 1, 5.000)]
    [InlineData(1e-3, 100, 4.899)]
    [InlineData(1e-3, 1000, 3.564)]
    [InlineData(1e-2, 1, 10.465)]
    [InlineData(1e-2, 10, 10.418)]
    [InlineData(1e-2, 100, 9.950)]
    [InlineData(1e-2, 1000, 14.142)]
    public void SpecTableValues(double perCoordinate, int k, double expected)
    {
        var h = Sqrt(100);
        var tau = Sqrt(100, k * perCoordinate);
        double omega = (1000.0 / k) - 1;
        Assert.Equal(expected, Math.Round(ShadowheartTheory.Solve(h, tau, omega, 10).Time, 3), 9);
    }

    [Fact]
    public void PlanFollowsTheFormulasAndTheFixedPointHolds()
    {
        var h = Sqrt(20);
        var tau = Sqrt(20, 0.5);
        double omega = 9, s = 4;
        var eq = ShadowheartTheory.Solve(h, tau, omega, s);
        var plan = ShadowheartTheory.Plan(eq.Time, h, tau, omega, s);
        for (int i = 0; i < h.Length; i++)
        {
            int b = (int)Math.Floor(eq.Time / h[i]), m = (int)Math.Floor(eq.Time / tau[i]);
            if (b >= 1 && m >= 1)
            {
                Assert.Equal(b, plan[i].Gradients);
                Assert.Equal(m, plan[i].Uploads);
                Assert.Equal(1.0 / ((b * omega) + (omega * s) + (m * s)), plan[i].Weight, 12);
            }
            else
            {
                Assert.False(plan[i].Active);
                Assert.Equal(0, plan[i].Weight);
            }
        }

        Assert.True(plan.Count(p => p.Active) >= 1);
        double root = ShadowheartTheory.SolvePrefix(h.AsSpan(0, 3), tau.AsSpan(0, 3), omega, s);
        double rhs = 1 / h.Take(3).Zip(tau.Take(3)).Sum(p => 1 / ((2 * p.Second * omega) + (4 * p.Second * omega * p.First * s / root) + (2 * p.First * s)));
        Assert.Equal(root, rhs, 9);
    }

    // spec §9 oracle 6: the estimator Σ_i w_i Σ_j C_ij(G_i)/Z is unbiased for Σ_i G_i / Σ_i b_i·(...)
    // With G_i = b_i·g_i (sum of b_i gradients, fixed x, no gradient noise), E[estimate] = Σ_i w_i m_i G_i / Z.
    [Fact]
    public void EstimatorWithRandKIsUnbiased()
    {
        const int d = 20, n = 5, trials = 20000;
        var compressor = new RandKCompressor(4); // ω = 4
        var h = new double[] { 1, 1.3, 1.7, 2.2, 3 };
        var tau = new double[] { 0.2, 0.3, 0.4, 0.5, 0.6 };
        double omega = compressor.Omega(d), s = 2;
        var eq = ShadowheartTheory.Solve(h, tau, omega, s);
        var plan = ShadowheartTheory.Plan(eq.Time, h, tau, omega, s);
        double z = ShadowheartTheory.Normalizer(plan);
        var rng = new RandomSource(5);
        // Each worker's per-gradient vector g_i (same true gradient for all workers: homogeneous data) = g.
        var g = Enumerable.Range(0, d).Select(j => (float)Math.Sin(j + 1)).ToArray();
        var mean = new double[d];
        var compressed = new float[d];
        var sumG = new float[d];
        for (int t = 0; t < trials; t++)
        {
            for (int i = 0; i < n; i++)
            {
                var p = plan[i];
                if (!p.Active)
                {
                    continue;
                }

                for (int j = 0; j < d; j++)
                {
                    sumG[j] = g[j] * p.Gradients;
                }

                for (int u = 0; u < p.Uploads; u++)
                {
                    compressor.Compress(sumG, compressed, rng);
                    for (int j = 0; j < d; j++)
                    {
                        mean[j] += p.Weight * compressed[j] / z / trials;
                    }
                }
            }
        }

        // Unbiased: E[g_est] = Σ_i w_i m_i b_i g / Z = g.
        double maxErr = 0, norm = Math.Sqrt(g.Sum(x => (double)x * x));
        for (int j = 0; j < d; j++)
        {
            maxErr = Math.Max(maxErr, Math.Abs(mean[j] - g[j]));
        }

        // Per-coordinate standard error ≲ 0.02 here; 0.06 is > 3 standard errors and far below |g_j| ~ 0.5–1.
        Assert.True(maxErr < 0.06, $"max coordinate error {maxErr} (‖g‖ = {norm})");
    }

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
    public void InvalidInputIsReportedAllAtOnce()
    {
        var ex = Assert.Throws<ArgumentException>(() => ShadowheartTheory.Solve([1, double.NaN], [-1, 0], -2, 0));
        Assert.Contains("computeTimes[1]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("uploadTimes[0]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("omega", ex.Message, StringComparison.Ordinal);
        Assert.Contains("noiseBatch", ex.Message, StringComparison.Ordinal);
    }
}
