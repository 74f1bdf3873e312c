
using AsyncFl.Simulation.Objectives;
using AsyncFl.Simulation.Partitioning;
using MathNet.Numerics.Distributions;
using Xunit;

namespace AsyncFl.Simulation.Tests.Review;
// Independent review (h9b) of issue 4's simulation side against schedulers.md §0.3 and aggregation.md §3.2, §7.
// Every expected value was computed by hand (derivations in the comments), not copied from the implementation.
public class SimulationSpecReviewTests
{
    private static void Near(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    // d = 3, L = 4: unshifted A = tridiag(−1, 2, −1), λ_min = 2 − 2cos(π/4) = 2 − √2. With μ = 2 − √2 the shift is 0, so
    // A = tridiag(−1, 2, −1) and b = (−1, 0, 0). Solving by hand: x* = (−3/4, −1/2, −1/4), f* = −½bᵀx* = −3/8.
    private static TridiagonalQuadratic Quadratic3(double noise = 0) =>
        new(new TridiagonalQuadraticOptions { Dimension = 3, Smoothness = 4, StrongConvexity = 2 - Math.Sqrt(2), NoiseScale = noise });

    [Fact]
    public void QuadraticEntriesAreQuarterLTimesTwoMinusOneShiftedSoLambdaMinIsMu()
    {
        var q = Quadratic3();
        Near(2.0, q.DiagonalEntry, 1e-14);
        Near(-1.0, q.OffDiagonalEntry, 1e-15);
        Near(2 - Math.Sqrt(2), q.SmallestUnshiftedEigenvalue, 1e-14);
    }

    [Fact]
    public void QuadraticOptimumAndOptimalValueByHand()
    {
        var q = Quadratic3();
        var x = new double[3];
        q.CopyOptimum(x);
        Near(-0.75, x[0], 1e-14);
        Near(-0.5, x[1], 1e-14);
        Near(-0.25, x[2], 1e-14);
        Near(-0.375, q.OptimalValue, 1e-14);
    }

    [Fact]
    public void QuadraticLossAndGradientAtAPointByHand()
    {
        // x = (1,2,3): Ax = (0, 0, 4); ½xᵀAx = 6; −bᵀx = +1 → f = 7; ∇f = Ax − b = (1, 0, 4).
        var q = Quadratic3();
        float[] x = [1, 2, 3];
        Near(7.0, q.Loss(x), 1e-13);
        Near(7.0 + 0.375, q.Suboptimality(x), 1e-13);
        var g = new double[3];
        q.Gradient(x, g);
        Near(1.0, g[0], 1e-13);
        Near(0.0, g[1], 1e-13);
        Near(4.0, g[2], 1e-13);
        Near(17.0, q.GradientNormSquared(x), 1e-13);
    }

    [Fact]
    public void ShiftedQuadraticHasSmallestEigenvalueMuOnD4()
    {
        // d = 4, L = 1, μ = 0.1: eigenvector v_j = sin(jπ/5), eigenvalue diag − (L/2)cos(π/5) must be μ.
        // A·v = ∇f(v) − ∇f(0).
        var q = new TridiagonalQuadratic(new TridiagonalQuadraticOptions { Dimension = 4, Smoothness = 1, StrongConvexity = 0.1, NoiseScale = 0 });
        double lambdaMin = Math.Pow(Math.Sin(Math.PI / 10), 2); // L sin²(π/(2(d+1)))
        Near(0.5 - lambdaMin + 0.1, q.DiagonalEntry, 1e-15);
        Near(-0.25, q.OffDiagonalEntry, 1e-15);
        var v = new float[4];
        for (int j = 0; j < 4; j++)
        {
            v[j] = (float)Math.Sin((j + 1) * Math.PI / 5);
        }

        var g = new double[4];
        var g0 = new double[4];
        q.Gradient(v, g);
        q.Gradient(new float[4], g0);
        Near(0.25, g0[0], 1e-15); // ∇f(0) = −b = (L/4, 0, 0, 0)
        for (int j = 0; j < 4; j++)
        {
            Assert.True(Math.Abs((g[j] - g0[j]) - (0.1 * v[j])) < 1e-6, $"coordinate {j}: Av = {g[j] - g0[j]}, μv = {0.1 * v[j]}");
        }
    }

    [Fact]
    public void AddNoiseAddsOneScalarCTimesZToEveryCoordinate()
    {
        const double c = 0.5;
        var q = Quadratic3(c);
        Near(0.75, q.GradientVariance, 1e-15); // c²·d
        float[] x = [1, 2, 3];
        var g = new double[3];
        q.StochasticGradient(0, x, g, new RandomSource(7));
        double z = new RandomSource(7).NextGaussian();
        Assert.NotEqual(0.0, z);
        Near(1.0 + (c * z), g[0], 1e-13);
        Near(0.0 + (c * z), g[1], 1e-13);
        Near(4.0 + (c * z), g[2], 1e-13);
    }

    [Fact]
    public void UniversalModelInvertsAHandComputedPiecewiseSpeed()
    {
        // v = 1 on [0,2), 0 (outage) on [2,5), 3 afterwards. W(t) = t, 2, 2 + 3(t−5).
        var p = new SpeedProfile([0.0, 2.0, 5.0], [1.0, 0.0, 3.0]);
        Near(2.0, p.CumulativeWork(3.5));
        Near(5.0, p.CumulativeWork(6.0));
        Near(2.0, p.CompletionTime(0, 2));              // first time W = 2 is t = 2, not the end of the outage
        Near(5.0 + (2.0 / 3.0), p.CompletionTime(1, 3)); // W(1) = 1, target 4: 5 + (4−2)/3
        Near(5.0 + (1.0 / 3.0), p.CompletionTime(3, 1)); // start inside the outage
        Near(6.0, p.CompletionTime(6, 0));
        var model = new UniversalTimeModel([p]);
        Near(5.0 + (2.0 / 3.0) - 1.0, model.ComputeSeconds(0, 3, 0, 1.0, new RandomSource(1)));
    }

    [Fact]
    public void UniversalModelInvertsAPeriodicProfileWithUnitCost()
    {
        // v = 2 on [0,1), 0 on [1,4), period 4: 2 units per cycle.
        var p = new SpeedProfile([0.0, 1.0], [2.0, 0.0], period: 4.0);
        Near(6.0, p.CumulativeWork(9.5));        // 2 cycles (4) + 2
        Near(5.0, p.CompletionTime(0.5, 3));     // 1 unit by t = 1, outage to 4, 2 units by t = 5
        Near(4.25, p.CompletionTime(2.0, 0.5));
        var model = new UniversalTimeModel(p, [1.0, 2.0]);
        Near(3.0, model.ComputeSeconds(1, 1, 0, 2.0, new RandomSource(1)));  // c = 2: 2 units from t = 2 end at 5
        Near(2.5, model.ComputeSeconds(0, 1, 0, 2.0, new RandomSource(1)));  // 1 unit from t = 2 ends at 4.5
        Assert.Equal(double.PositiveInfinity, new SpeedProfile([0.0, 1.0], [1.0, 0.0]).CompletionTime(0, 2));
    }

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

    [Fact]
    public void CommunicationIsLatencyPlusBytesOverBandwidth()
    {
        var link = new CommunicationLink(1000, 250, 0.1);
        Near(0.6, link.DownloadSeconds(500));
        Near(2.1, link.UploadSeconds(500));
        Assert.Equal(0.0, link.UploadSeconds(0));
        Assert.Equal(0.0, CommunicationLink.Free.DownloadSeconds(1_000_000_000));
        var errors = new List<string>();
        new CommunicationLink(0, double.NaN, -1).Validate(errors, "x.");
        Assert.Equal(3, errors.Count);
    }

    // 3 classes of 7, 11 and 13 rows (31 rows), 3 partitions, α = 10⁶ so q ≈ (⅓, ⅓, ⅓) to ~3e−4.
    private static int[] Labels()
    {
        var labels = new List<int>();
        int[] counts = [7, 11, 13];
        for (int k = 0; k < 3; k++)
        {
            labels.AddRange(Enumerable.Repeat(k * 10, counts[k])); // labels 0, 10, 20 (not 0..C−1)
        }

        // interleave so row index and class are not aligned
        return [.. labels.Select((l, i) => (l, key: (i * 17) % 31)).OrderBy(t => t.key).Select(t => t.l)];
    }

    private static DirichletPerClassPartitioner Dirichlet(RemainderPolicy policy, int minSize = 0) =>
        new(new DirichletPerClassOptions { PartitionCount = 3, Alpha = 1e6, MinPartitionSize = minSize, Remainder = policy, Seed = 5 });

    [Fact]
    public void CumsumFloorAssignsEveryRowExactlyOnceWithHandComputedSizes()
    {
        int[] labels = Labels();
        int[][] parts = Dirichlet(RemainderPolicy.CumsumFloor, minSize: 9).Partition(labels);
        Assert.Equal(Enumerable.Range(0, 31), parts.SelectMany(p => p).OrderBy(i => i));
        // cuts floor(7/3)=2, floor(14/3)=4 → 2,2,3; 11 → 3,4,4; 13 → 4,4,5 ⇒ sizes 9, 10, 12.
        Assert.Equal([9, 10, 12], parts.Select(p => p.Length));
        Assert.Equal([2, 3, 4], CountByClass(labels, parts[0]));
        Assert.Equal([3, 4, 5], CountByClass(labels, parts[2]));
    }

    [Fact]
    public void DropRemainderDropsOnlyTheFloorLeftovers()
    {
        int[] labels = Labels();
        int[][] parts = Dirichlet(RemainderPolicy.DropRemainder).Partition(labels);
        int[] all = [.. parts.SelectMany(p => p)];
        Assert.Equal(all.Length, all.Distinct().Count());
        // floor(7/3)=2, floor(11/3)=3, floor(13/3)=4 per partition: 27 kept, 1 + 2 + 1 dropped.
        Assert.Equal(27, all.Length);
        foreach (int[] p in parts)
        {
            Assert.Equal([2, 3, 4], CountByClass(labels, p));
        }
    }

    [Fact]
    public void RandomAssignKeepsEveryRow()
    {
        int[] labels = Labels();
        int[][] parts = Dirichlet(RemainderPolicy.RandomAssign).Partition(labels);
        Assert.Equal(Enumerable.Range(0, 31), parts.SelectMany(p => p).OrderBy(i => i));
    }

    [Fact]
    public void MinimumSizeFailureThrowsAfterMaxRetriesPlusOneAttempts()
    {
        // 10 rows cannot give 5 partitions ≥ 3 rows each.
        var partitioner = new DirichletPerClassPartitioner(new DirichletPerClassOptions { PartitionCount = 5, MinPartitionSize = 3, MaxRetries = 4 });
        int[] labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];
        var ex = Assert.Throws<PartitioningException>(() => partitioner.Partition(labels));
        Assert.Contains("MinPartitionSize = 3", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, partitioner.LastAttempts);
        Assert.Throws<ArgumentException>(() => new DirichletPerClassPartitioner(new DirichletPerClassOptions { PartitionCount = 11 }).Partition(labels));
        var defaults = new DirichletPerClassOptions();
        Assert.Equal((10, false, true, 42L, 10), (defaults.MinPartitionSize, defaults.SelfBalancing, defaults.Shuffle, defaults.Seed, defaults.MaxRetries));
    }

    private static int[] CountByClass(int[] labels, int[] rows) =>
        [rows.Count(r => labels[r] == 0), rows.Count(r => labels[r] == 10), rows.Count(r => labels[r] == 20)];
}
