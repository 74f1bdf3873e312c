using FsCheck;
using FsCheck.Xunit;

namespace AsyncFl.Aggregators.Tests;

public class StalenessFunctionTests
{
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
        // (The old first assertion compared a local constant with itself; the library's value is checked instead.)
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
