using AsyncFl.Sampling;
using Xunit;

namespace AsyncFl.Core.Tests.Sampling;

/// <summary>Fairness mixing with the uniform distribution, p ← (1 − η)p + η·m/N (spec aggregation.md §6).</summary>
public class ProbabilityFloorTests
{
    private static void Near(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    /// <summary>(probabilities, η, expected after mixing with uniform).</summary>
    public static TheoryData<double[], double, double[]> MixingVectors => new()
    {
        // Inclusion probabilities summing to m = 3, η = 0.5: p' = 0.5p + 0.5·3/5.
        { [0.25, 0.25, 0.5, 1, 1], 0.5, [0.425, 0.425, 0.55, 0.8, 0.8] },
        // A distribution (Σ = 1): exactly the spec's p = (1−η)p + η/N.
        { [0.7, 0.2, 0.1, 0], 0.2, [0.61, 0.21, 0.13, 0.05] },
    };

    [Theory]
    [MemberData(nameof(MixingVectors))]
    public void MixingKeepsTheSumAndFloorsEveryone(double[] probabilities, double eta, double[] expected)
    {
        double[] p = (double[])probabilities.Clone();
        ProbabilityFloor.MixWithUniform(p, eta);
        for (int i = 0; i < expected.Length; i++)
        {
            Near(expected[i], p[i]);
        }
    }

    [Fact]
    public void MixingRejectsANaNEta() =>
        Assert.ThrowsAny<ArgumentException>(() => ProbabilityFloor.MixWithUniform(new double[2], double.NaN));
}
