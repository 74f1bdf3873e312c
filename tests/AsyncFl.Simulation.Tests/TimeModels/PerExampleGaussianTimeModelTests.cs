using MathNet.Numerics.Distributions;
using Xunit;

namespace AsyncFl.Simulation.Tests.TimeModels;

public class PerExampleGaussianTimeModelTests
{
    private static void Near(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void IsUnitsTimesSamplesTimesClippedNormal()
    {
        var m = new PerExampleGaussianTimeModel(3, 0.01, 0.0, 0.0);
        Assert.Equal(2 * 50 * 0.01, m.ComputeSeconds(0, 2, 50, 0, new RandomSource(1)), 12);
        var clipped = new PerExampleGaussianTimeModel(3, -1.0, 0.0, 0.002); // N(μ<0) always clipped to min
        Assert.Equal(100 * 0.002, clipped.ComputeSeconds(0, 1, 100, 0, new RandomSource(1)), 12);
        var noisy = new PerExampleGaussianTimeModel(1, 0.01, 0.004, 0.0);
        double mean = 0;
        var r = new RandomSource(5);
        for (int i = 0; i < 20_000; i++)
        {
            mean += noisy.ComputeSeconds(0, 1, 10, 0, r);
        }

        Assert.InRange(mean / 20_000, 0.1 - 0.002, 0.1 + 0.002); // 6 standard errors of 10·0.004/√20000
    }

    // Vectors computed by hand from the formulas of spec schedulers.md §0.3 and aggregation.md §3.2, §7 (derivations in the
    // comments).
    [Fact]
    public void FlsimPerExampleGaussianIsNTimesMaxOfNormalAndMin()
    {
        var degenerate = new PerExampleGaussianTimeModel(2, 0.2, 0.0, 0.05);
        Near(4.0, degenerate.ComputeSeconds(0, 2, 10, 0, new RandomSource(3)));  // 2·10·0.2
        Near(0.2, degenerate.ComputeSeconds(1, 1, 0, 0, new RandomSource(3)));   // n = 0 counts as 1
        var floored = new PerExampleGaussianTimeModel(1, 0.01, 0.0, 0.05);
        Near(0.5, floored.ComputeSeconds(0, 1, 10, 0, new RandomSource(3)));     // max(0.01, 0.05)·10
        var noisy = new PerExampleGaussianTimeModel(1, 1.0, 0.3, 0.9);
        for (int seed = 0; seed < 20; seed++)
        {
            double draw = Normal.Sample(new RandomSource(seed), 1.0, 0.3);
            Near(7 * Math.Max(draw, 0.9), noisy.ComputeSeconds(0, 1, 7, 0, new RandomSource(seed)), 1e-14);
        }
    }
}
