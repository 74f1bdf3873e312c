using AsyncFl.Schedulers.Theory;
using FsCheck.Xunit;
using Xunit;

namespace AsyncFl.Schedulers.Tests;

public class AtaAllocationTests
{
    // spec §6.2 oracle: μ = (1,2,4), B = 7 -> (4,2,1), loss 4.
    [Fact]
    public void KnownMeansOracleOne()
    {
        var a = new int[3];
        double loss = AtaAllocation.Allocate([1, 2, 4], 7, a);
        Assert.Equal([4, 2, 1], a);
        Assert.Equal(4, loss);
    }

    // μ = (1,1,1,10), B = 6 -> (2,2,2,0).
    [Fact]
    public void KnownMeansOracleTwo()
    {
        var a = new int[4];
        double loss = AtaAllocation.Allocate([1, 1, 1, 10], 6, a);
        Assert.Equal([2, 2, 2, 0], a);
        Assert.Equal(2, loss);
    }

    [Fact]
    public void EveryUnobservedWorkerIsExploredFirst()
    {
        var a = new int[4];
        AtaAllocation.Allocate([double.NegativeInfinity, 1, double.NegativeInfinity, 5], 3, a);
        Assert.Equal(1, a[0]);
        Assert.Equal(1, a[2]);
        Assert.Equal(3, a.Sum());

        var b = new int[3];
        AtaAllocation.Allocate([double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity], 2, b);
        Assert.Equal([1, 1, 0], b);
    }

    [Fact]
    public void ExcludedWorkersGetNothingAndTotalsAreExact()
    {
        var rng = new RandomSource(2);
        for (int t = 0; t < 100; t++)
        {
            int n = 2 + rng.Next(10), bTasks = rng.Next(40);
            var s = Enumerable.Range(0, n).Select(_ => 0.1 + rng.NextDouble()).ToArray();
            s[0] = double.PositiveInfinity;
            var a = new int[n];
            double loss = AtaAllocation.Allocate(s, bTasks, a);
            Assert.Equal(0, a[0]);
            Assert.Equal(bTasks, a.Sum());
            Assert.Equal(bTasks == 0 ? 0 : Enumerable.Range(1, n - 1).Max(j => s[j] * a[j]), loss, 12);
        }
    }

    // spec §9 oracle 8: the LCB is non-increasing in the confidence level (round k) and −∞ before any observation.
    [Fact]
    public void LowerConfidenceBoundShrinksWithConfidenceAndGrowsWithObservations()
    {
        Assert.Equal(double.NegativeInfinity, AtaAllocation.LowerConfidenceBound(2, 0, 1, 4));
        double previous = double.PositiveInfinity;
        for (int k = 1; k < 50; k++)
        {
            double s = AtaAllocation.LowerConfidenceBound(2, 10, k, 4);
            Assert.True(s <= previous);
            Assert.True(s < 2);
            previous = s;
        }

        Assert.True(AtaAllocation.LowerConfidenceBound(2, 1000, 5, 4) > AtaAllocation.LowerConfidenceBound(2, 10, 5, 4));
        // Explicit value: μ̂ = 2, K = 4, k = 1, α = 1, c = 1: 2 − (√(ln2/4) + ln2/4).
        Assert.Equal(2 - (Math.Sqrt(Math.Log(2) / 4) + (Math.Log(2) / 4)), AtaAllocation.LowerConfidenceBound(2, 4, 1, 1, 1), 12);
    }

    [Property(MaxTest = 200)]
    public bool AtaAllocationPlacesExactlyBTasks(int seed, byte nRaw, byte bRaw)
    {
        var rng = new RandomSource(seed);
        int n = 1 + (nRaw % 12), b = bRaw % 50;
        var s = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.2 ? double.NegativeInfinity : rng.NextDouble() - 0.2).ToArray();
        var a = new int[n];
        AtaAllocation.Allocate(s, b, a);
        return a.Sum() == b && a.All(x => x >= 0);
    }

    // Vectors computed by hand on small inputs from the formulas of spec schedulers.md (derivations in the comments).
    [Fact]
    public void LowerConfidenceBoundByHand()
    {
        // μ̂ = 2, K = 4, k = 3, α = 0.5: l = ln 18/4; s = 2 − 4e·0.5·(√l + l) = −6.549798830764029.
        Assert.Equal(-6.549798830764029, AtaAllocation.LowerConfidenceBound(2, 4, 3, 0.5), 10);
        Assert.Equal(double.NegativeInfinity, AtaAllocation.LowerConfidenceBound(2, 0, 3, 0.5));
        // More observations → tighter (larger) bound.
        Assert.True(AtaAllocation.LowerConfidenceBound(2, 40, 3, 0.5) > AtaAllocation.LowerConfidenceBound(2, 4, 3, 0.5));
    }

    /// <summary>(scores, tasks, the allocation minimising max_i score_i·a_i found by hand, that makespan).</summary>
    public static TheoryData<double[], int, int[], double> MakespanVectors => new()
    {
        { [2.0, 3.0], 5, [3, 2], 6.0 },                 // max(2a, 3b), a+b=5
        { [1.0, 2.0, 4.0], 7, [4, 2, 1], 4.0 },         // spec oracle
        { [1.0, 1.0, 1.0, 10.0], 6, [2, 2, 2, 0], 2.0 },
        { [3.0, 1.0], 4, [1, 3], 3.0 },                 // max(3a, b): (1,3) → 3
    };

    [Theory]
    [MemberData(nameof(MakespanVectors))]
    public void GreedyMakespanMatchesHandOptimum(double[] scores, int tasks, int[] expected, double loss)
    {
        var a = new int[scores.Length];
        double l = AtaAllocation.Allocate(scores, tasks, a);
        Assert.Equal(expected, a);
        Assert.Equal(loss, l, 12);
    }

    [Fact]
    public void UnexploredWorkersGetOneTaskFirst()
    {
        var a = new int[3];
        AtaAllocation.Allocate([double.NegativeInfinity, 5, double.NegativeInfinity], 1, a);
        Assert.Equal([1, 0, 0], a);
        AtaAllocation.Allocate([double.NegativeInfinity, 5, double.NegativeInfinity], 2, a);
        Assert.Equal([1, 0, 1], a);
    }
}
