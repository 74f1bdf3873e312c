using FsCheck;
using FsCheck.Xunit;
using Xunit;

namespace AsyncFl.Core.Tests.Staleness;

/// <summary>The built-in staleness functions s(τ). The named vectors were computed by hand (or a 5-line script) from the
/// formulas of spec aggregation.md, not from the implementation.</summary>
public class StalenessFunctionTests
{
    private static void Near(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    /// <summary>(a, τ, (τ + 1)^−a).</summary>
    public static TheoryData<double, long, double> PolynomialVectors => new()
    {
        { 2.0, 3, 0.0625 },             // (3+1)^-2
        { 0.5, 8, 1.0 / 3.0 },          // 1/sqrt(9)
        { 1.0, 4, 0.2 },                // 1/5
        { 1.5, 3, 0.125 },              // 4^-1.5
        { 0.0, 100, 1.0 },              // a = 0 is the constant
    };

    /// <summary>(a, b, τ, 1 for τ ≤ b, else 1/(a·(τ − b) + 1)).</summary>
    public static TheoryData<double, long, long, double> HingeVectors => new()
    {
        { 4.0, 2, 0, 1.0 },
        { 4.0, 2, 2, 1.0 },             // τ = b: still 1
        { 4.0, 2, 3, 0.2 },             // 1/(4·1 + 1)
        { 4.0, 2, 5, 1.0 / 13.0 },      // 1/(4·3 + 1)
        { 10.0, 4, 5, 1.0 / 11.0 },     // paper form; FedLab's bug would give 0.05
        { 10.0, 4, 6, 1.0 / 21.0 },
    };

    /// <summary>(β, τ, 1/(1 + βτ)).</summary>
    public static TheoryData<double, long, double> InverseVectors => new()
    {
        { 0.25, 4, 0.5 },               // 1/(1 + 1)
        { 0.05, 10, 1.0 / 1.5 },        // seed-paper β
        { 3.0, 1, 0.25 },
    };

    /// <summary>(λ, τ, e^−λτ).</summary>
    public static TheoryData<double, long, double> ExponentialVectors => new()
    {
        { 0.6931471805599453, 3, 0.125 },   // exp(−3 ln 2)
        { 0.5, 2, 0.36787944117144233 },    // e^-1
        { 0.0, 7, 1.0 },
    };

    /// <summary>(cutoff, value after it, τ, 1 for τ ≤ cutoff, else the value).</summary>
    public static TheoryData<long, double, long, double> ThresholdVectors => new()
    {
        { 3, 0.25, 3, 1.0 },
        { 3, 0.25, 4, 0.25 },
        { 0, 0.0, 1, 0.0 },
    };

    [Theory]
    [MemberData(nameof(PolynomialVectors))]
    public void PolynomialIsTauPlusOneToTheMinusA(double a, long tau, double expected) =>
        Near(expected, StalenessFunctions.Polynomial(a).Weight(tau));

    [Theory]
    [MemberData(nameof(HingeVectors))]
    public void HingeIsOneUpToBThenOneOverATimesExcessPlusOne(double a, long b, long tau, double expected) =>
        Near(expected, StalenessFunctions.Hinge(a, b).Weight(tau));

    [Theory]
    [MemberData(nameof(InverseVectors))]
    public void InverseIsOneOverOnePlusBetaTau(double beta, long tau, double expected) =>
        Near(expected, StalenessFunctions.Inverse(beta).Weight(tau));

    [Theory]
    [MemberData(nameof(ExponentialVectors))]
    public void ExponentialIsExpMinusLambdaTau(double lambda, long tau, double expected) =>
        Near(expected, StalenessFunctions.Exponential(lambda).Weight(tau));

    [Theory]
    [MemberData(nameof(ThresholdVectors))]
    public void ThresholdIsOneUpToCutoffThenValue(long cutoff, double after, long tau, double expected) =>
        Near(expected, StalenessFunctions.Threshold(cutoff, after).Weight(tau));

    [Fact]
    public void EveryBuiltInRejectsNegativeStalenessAndNaNParameters()
    {
        IStalenessFunction[] all =
        [
            StalenessFunctions.Constant(), StalenessFunctions.Polynomial(1), StalenessFunctions.InverseSqrt(),
            StalenessFunctions.Hinge(1, 1), StalenessFunctions.Inverse(1), StalenessFunctions.Exponential(1),
            StalenessFunctions.Threshold(1, 0.5),
        ];
        foreach (var f in all)
        {
            Assert.Equal(1.0, f.Weight(0));
            Assert.Throws<ArgumentOutOfRangeException>(() => f.Weight(-1));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Polynomial(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Hinge(double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Inverse(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Exponential(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Threshold(1, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Threshold(1, 1.5));
    }

    [Fact]
    public void Hinge_PaperForm_SpecVector()
    {
        var h = StalenessFunctions.Hinge(10, 4);
        Assert.Equal(1.0, h.Weight(0));
        Assert.Equal(1.0, h.Weight(4));
        Assert.Equal(1.0 / 11.0, h.Weight(5), 12);           // 0.0909…
        Assert.Equal(1.0 / 21.0, h.Weight(6), 12);           // 0.0476…
        Assert.Equal(0.0164, h.Weight(10), 4);
    }

    [Fact]
    public void Hinge_IsNotFedLabsBuggyFormula()
    {
        // FedLab: 1/(a·((τ − b) + 1)) = 0.05 at a=10, b=4, τ=5. Porting it would make this test fail.
        double fedLab = 1.0 / (10 * ((5 - 4) + 1));
        Assert.Equal(1.0 / ((10 * (5 - 4)) + 1), StalenessFunctions.Hinge(10, 4).Weight(5), 12);
        Assert.NotEqual(fedLab, StalenessFunctions.Hinge(10, 4).Weight(5), 6);
    }

    [Fact]
    public void Polynomial_SpecVectors()
    {
        var p = StalenessFunctions.Polynomial(0.5);
        Assert.Equal(0.4472, p.Weight(4), 4);
        Assert.Equal(1 / Math.Sqrt(5), p.Weight(4), 14);
        Assert.Equal(0.4082, p.Weight(5), 4);
        Assert.Equal(0.3015, p.Weight(10), 4);
        Assert.Equal(0.25, StalenessFunctions.Polynomial(2).Weight(1), 12);
    }

    [Fact]
    public void PolynomialHalf_EqualsFedBuffInverseSqrt()
    {
        var p = StalenessFunctions.Polynomial(0.5);
        for (long t = 0; t <= 200; t++)
        {
            Assert.Equal(1.0 / Math.Sqrt(1.0 + t), p.Weight(t), 14);
        }
    }

    [Fact]
    public void Inverse_Exponential_Threshold_Values()
    {
        Assert.Equal(1.0 / 1.5, StalenessFunctions.Inverse(0.05).Weight(10), 12);
        Assert.Equal(Math.Exp(-0.6), StalenessFunctions.Exponential(0.2).Weight(3), 12);
        var th = StalenessFunctions.Threshold(3, 0.25);
        Assert.Equal(1.0, th.Weight(3));
        Assert.Equal(0.25, th.Weight(4));
        Assert.Equal(1.0, StalenessFunctions.Constant().Weight(1_000_000));
    }

    [Fact]
    public void NegativeStaleness_AndBadParameters_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Polynomial(0.5).Weight(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Polynomial(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Hinge(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => StalenessFunctions.Threshold(1, 1.5));
    }

    private static IStalenessFunction[] Functions(byte p1, byte p2) =>
    [
        StalenessFunctions.Constant(),
        StalenessFunctions.Polynomial(p1 / 64.0),
        StalenessFunctions.Hinge(p1 / 8.0, p2 % 20),
        StalenessFunctions.Inverse(p1 / 16.0),
        StalenessFunctions.Exponential(p1 / 100.0),
        StalenessFunctions.Threshold(p2 % 20, 0.01 + (p1 / 300.0)),
    ];

    [Property(MaxTest = 300)]
    public bool EveryFunction_IsOneAtZero_NonIncreasing_InUnitInterval(byte p1, byte p2, NonNegativeInt tau)
    {
        long t = tau.Get % 100_000;
        foreach (var f in Functions(p1, p2))
        {
            double w0 = f.Weight(0), wt = f.Weight(t), wt1 = f.Weight(t + 1);
            if (w0 != 1.0 || !(wt > 0 && wt <= 1) || wt1 > wt)
            {
                return false;
            }
        }

        return true;
    }
}
