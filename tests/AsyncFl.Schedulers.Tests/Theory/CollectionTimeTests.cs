using AsyncFl.Schedulers.Theory;
using Xunit;

namespace AsyncFl.Schedulers.Tests;

public class CollectionTimeTests
{
    private static void Near(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    // spec §9 oracle 1 values: τ_i = √i, n = 1000.
    [Theory]
    [InlineData(1, 1.751, 1.000)]
    [InlineData(100, 10.732, 8.246)]
    [InlineData(10000, 177.99, 170.0)]
    public void SpecValuesForSqrtTimes(long s, double bound, double exact)
    {
        var tau = Enumerable.Range(1, 1000).Select(i => Math.Sqrt(i)).ToArray();
        double b = CollectionTime.Bound(tau, s).Time;
        double e = CollectionTime.Exact(tau, s);
        int digits = bound >= 100 ? 2 : 3;
        Assert.Equal(bound, Math.Round(b, digits), 9);
        Assert.Equal(exact, Math.Round(e, exact >= 100 ? 1 : 3), 9);
    }

    [Fact]
    public void ExactLiesBetweenHalfTheBoundAndTheBound()
    {
        var rng = new RandomSource(11);
        for (int trial = 0; trial < 300; trial++)
        {
            int n = 1 + rng.Next(40);
            var tau = Enumerable.Range(0, n).Select(_ => 0.05 + (5 * rng.NextDouble())).ToArray();
            long s = 1 + rng.Next(300);
            double bound = CollectionTime.Bound(tau, s).Time;
            double exact = CollectionTime.Exact(tau, s);
            Assert.InRange(exact, (bound / 2) - 1e-12, bound + 1e-12);
        }
    }

    [Fact]
    public void ExactMatchesADirectScanOfTheCountingFunction()
    {
        double[] tau = [1, 1.5, 4];
        // completions: 1, 1.5, 2, 3, 3, 4, 4, 4.5, 5, 6, 6, ... S = 5 -> 3 (counts at 3: 3 + 2 + 0 = 5).
        Assert.Equal(3.0, CollectionTime.Exact(tau, 5), 12);
        Assert.Equal(1.0, CollectionTime.Exact(tau, 1), 12);
        Assert.Equal(4.0, CollectionTime.Exact(tau, 7), 12);
        Assert.Equal(4.5, CollectionTime.Exact(tau, 8), 12);
    }

    // Vectors computed by hand on small inputs from the formulas of spec schedulers.md (derivations in the comments).
    [Fact]
    public void BoundIsMinOverPrefixesOfSPlusMOverHarmonicSum()
    {
        // τ = [4,1,2] (unsorted), S = 2: m=1: 3/1 = 3; m=2: 4/1.5 = 8/3; m=3: 5/1.75 = 20/7 → 8/3 at m = 2.
        var (t, m) = CollectionTime.Bound([4, 1, 2], 2);
        Near(8.0 / 3.0, t);
        Assert.Equal(2, m);
        // Exact: completions 1, 2, 2, 3, 4, … → the 2nd is at t = 2; and t(S)/2 ≤ 2 ≤ t(S).
        Near(2, CollectionTime.Exact([4, 1, 2], 2));
    }

    [Fact]
    public void ExactCollectionWithTiesAndASlowWorker()
    {
        // τ = [1,1,1,10], S = 6: three fast workers give 3 per second → t = 2. Bound: m=3: 9/3 = 3 (m=4: 10/3.1).
        Near(2, CollectionTime.Exact([1, 1, 1, 10], 6));
        var (t, m) = CollectionTime.Bound([1, 1, 1, 10], 6);
        Near(3, t);
        Assert.Equal(3, m);
        // S = 31: 3 per second plus the slow one at t = 10 → at t = 10: 30 + 1 = 31.
        Near(10, CollectionTime.Exact([1, 1, 1, 10], 31));
    }
}
