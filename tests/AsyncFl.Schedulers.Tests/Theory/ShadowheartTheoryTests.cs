using AsyncFl.Schedulers.Theory;
using Xunit;

namespace AsyncFl.Schedulers.Tests;

public class ShadowheartTheoryTests
{
    private static double[] Sqrt(int n, double scale = 1) => Enumerable.Range(1, n).Select(i => scale * Math.Sqrt(i)).ToArray();

    private static void Near(double expected, double actual, double tol) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

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
    public void InvalidInputIsReportedAllAtOnce()
    {
        var ex = Assert.Throws<ArgumentException>(() => ShadowheartTheory.Solve([1, double.NaN], [-1, 0], -2, 0));
        Assert.Contains("computeTimes[1]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("uploadTimes[0]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("omega", ex.Message, StringComparison.Ordinal);
        Assert.Contains("noiseBatch", ex.Message, StringComparison.Ordinal);
    }

    // Vectors computed by hand on small inputs from the formulas of spec schedulers.md (derivations in the comments).
    [Fact]
    public void TwoWorkerEquilibriumSolvedByHand()
    {
        // h = [2,1], τ = [1,1], ω = 1, S = 1 (worker 1 is first after sorting by max(h, τ)).
        // j = 1: s = 2τω + 4τωhS/s + 2hS = 4 + 4/s → s = 2 + √8; t*(1) = max(1, 4.828…).
        // j = 2: 1/s = 1/(4 + 4/s) + 1/(6 + 8/s) → s = 1 + √5 (check: s·(s/(4s+4) + s/(6s+8)) = 1); t*(2) = max(2, 3.236…).
        Near(2 + Math.Sqrt(8), ShadowheartTheory.SolvePrefix([1], [1], 1, 1), 1e-10);
        Near(1 + Math.Sqrt(5), ShadowheartTheory.SolvePrefix([1, 2], [1, 1], 1, 1), 1e-10);
        var eq = ShadowheartTheory.Solve([2, 1], [1, 1], 1, 1);
        Near(1 + Math.Sqrt(5), eq.Time, 1e-10);
        Assert.Equal(2, eq.Prefix);
    }

    [Fact]
    public void NoCompressionNoUploadReducesToRennalaLikeFormula()
    {
        // ω = 0, τ = 0, h = [1,2,4], S = 2: t*(j) = max(h_j, 2S/Σ_{i≤j}1/h_i) = 4, 8/3, 4 → 8/3 at j = 2.
        var eq = ShadowheartTheory.Solve([4, 1, 2], [0, 0, 0], 0, 2);
        Near(8.0 / 3.0, eq.Time, 1e-10);
        Assert.Equal(2, eq.Prefix);
    }

    [Fact]
    public void PlanWeightsAndNormaliserByHand()
    {
        // t* = 4, h = [1,2,5], τ = [0.5,1,1], ω = 3, S = 2:
        // b = [4,2,0], m = [8,4,4]; worker 2 inactive (b = 0).
        // w0 = 1/(4·3 + 3·2 + 8·2) = 1/34; w1 = 1/(2·3 + 6 + 4·2) = 1/20. Z = 32/34 + 8/20.
        var plan = ShadowheartTheory.Plan(4, [1, 2, 5], [0.5, 1, 1], 3, 2);
        Assert.Equal(new ShadowheartWorkerPlan(4, 8, 1.0 / 34), plan[0]);
        Assert.Equal(new ShadowheartWorkerPlan(2, 4, 1.0 / 20), plan[1]);
        Assert.False(plan[2].Active);
        Assert.Equal(0, plan[2].Weight);
        Near((32.0 / 34) + (8.0 / 20), ShadowheartTheory.Normalizer(plan), 1e-14);
    }

    [Fact]
    public void UploadCapLimitsM()
    {
        var plan = ShadowheartTheory.Plan(4, [1], [0.5], 3, 2, maxUploads: 3);
        Assert.Equal(3, plan[0].Uploads);
        Assert.Equal(1.0 / ((4 * 3) + 6 + (3 * 2)), plan[0].Weight, 15);
    }
}
