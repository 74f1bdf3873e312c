using AsyncFl.Backends;
using AsyncFl.Simulation.Objectives;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using static AsyncFl.Simulation.Tests.Objectives.ObjectiveTestHelpers;

namespace AsyncFl.Simulation.Tests.Objectives;

public class TridiagonalQuadraticTests
{
    private static void Near(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void MatrixHasSmallestEigenvalueMuAndThomasSolvesIt()
    {
        var q = new TridiagonalQuadratic(new TridiagonalQuadraticOptions { Dimension = 12, Smoothness = 2.0, StrongConvexity = 1e-3 });
        var a = Matrix<double>.Build.Dense(12, 12);
        for (int j = 0; j < 12; j++)
        {
            a[j, j] = q.DiagonalEntry;
            if (j > 0)
            {
                a[j, j - 1] = a[j - 1, j] = q.OffDiagonalEntry;
            }
        }

        Assert.Equal(-0.5, q.OffDiagonalEntry);
        double minEig = a.Evd().EigenValues.Select(v => v.Real).Min();
        Assert.Equal(1e-3, minEig, 9);

        var b = Vector<double>.Build.Dense(12);
        b[0] = -0.5;
        Vector<double> xStar = a.Solve(b);
        var thomas = new double[12];
        q.CopyOptimum(thomas);
        for (int j = 0; j < 12; j++)
        {
            Assert.Equal(xStar[j], thomas[j], 8);
        }

        Assert.Equal(-0.5 * b.DotProduct(xStar), q.OptimalValue, 10);
    }

    [Fact]
    public void GradientMatchesFiniteDifferencesAndVanishesAtOptimum()
    {
        var q = new TridiagonalQuadratic(new TridiagonalQuadraticOptions { Dimension = 20 });
        GradientMatchesFiniteDifferences(q, RandomPoint(20, 1), 1e-3);
        // x* rounded to float: ‖∇f‖ ≤ ‖A‖·‖x* − fl(x*)‖ ≤ L·‖x*‖·2⁻²⁴
        float[] xs = Optimum(q);
        double xNorm = Math.Sqrt(xs.Sum(v => (double)v * v));
        Assert.True(Math.Sqrt(q.GradientNormSquared(xs)) <= 1.0 * xNorm * 1.2e-7, $"‖∇f(x*)‖ = {Math.Sqrt(q.GradientNormSquared(xs))}");
        // every random point is worse than f*
        for (int s = 0; s < 20; s++)
        {
            Assert.True(q.Loss(RandomPoint(20, 100 + s, 0.1)) > q.OptimalValue);
        }

        Assert.True(q.Suboptimality(new float[20]) > 0);
    }

    [Fact]
    public void AddNoiseHasVarianceCSquaredTimesDAndZeroMean()
    {
        const int d = 10;
        var q = new TridiagonalQuadratic(new TridiagonalQuadraticOptions { Dimension = d, NoiseScale = 0.5 });
        Assert.Equal(0.25 * d, q.GradientVariance, 12);
        float[] x = RandomPoint(d, 3);
        var exact = new double[d];
        q.Gradient(x, exact);
        var g = new double[d];
        var r = new RandomSource(4);
        const int n = 20_000;
        double sqSum = 0, meanShift = 0;
        for (int k = 0; k < n; k++)
        {
            q.StochasticGradient(0, x, g, r);
            double shift = g[0] - exact[0];
            for (int j = 1; j < d; j++)
            {
                Assert.Equal(shift, g[j] - exact[j], 9); // the same scalar on every coordinate
            }

            meanShift += shift;
            sqSum += shift * shift * d;
        }

        // E‖g − ∇f‖² = c²d = 2.5; sd of one term 2.5·√2 → 6 SE ≈ 0.15
        Assert.InRange(sqSum / n, 2.5 - 0.15, 2.5 + 0.15);
        Assert.InRange(meanShift / n, -6 * 0.5 / Math.Sqrt(n), 6 * 0.5 / Math.Sqrt(n));
    }

    [Fact]
    public void ClientShiftsAverageToTheGlobalProblem()
    {
        const int d = 8, clients = 5;
        var q = new TridiagonalQuadratic(new TridiagonalQuadraticOptions { Dimension = d, NoiseScale = 0, ClientCount = clients, Heterogeneity = 1.0, Seed = 3 });
        float[] x = RandomPoint(d, 9);
        double mean = 0;
        for (int i = 0; i < clients; i++)
        {
            mean += q.ClientLoss(i, x) / clients;
        }

        Assert.Equal(q.Loss(x), mean, 9);
        Assert.True(q.GradientDissimilarity > 0.2 && q.GradientDissimilarity < 3, $"ζ² estimate {q.GradientDissimilarity}");

        // the mean of the clients' (noise-free) gradients is the global gradient
        var exact = new double[d];
        q.Gradient(x, exact);
        var avg = new double[d];
        var g = new double[d];
        for (int i = 0; i < clients; i++)
        {
            q.StochasticGradient(i, x, g, new RandomSource(1));
            for (int j = 0; j < d; j++)
            {
                avg[j] += g[j] / clients;
            }
        }

        for (int j = 0; j < d; j++)
        {
            Assert.Equal(exact[j], avg[j], 9);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => q.ClientLoss(clients, x));
    }

    [Fact]
    public void ExecuteWritesAveragedGradientOrLocalSgdDelta()
    {
        const int d = 6;
        var backend = new CpuParameterBackend();
        using ParameterVector model = backend.Allocate(d);
        float[] x = RandomPoint(d, 5);
        model.CopyFrom(x);
        using ParameterVector payload = backend.Allocate(d);
        var update = new ClientUpdate(payload);

        // gradient payload: mean of 3 stochastic gradients, replayed from the same stream
        var grad = new TridiagonalQuadratic(new TridiagonalQuadraticOptions { Dimension = d, NoiseScale = 0.1 });
        grad.Execute(new ClientWork(2, 3, double.NaN, 77), model, update, new RandomSource(8));
        var r = new RandomSource(8);
        var g = new double[d];
        var acc = new double[d];
        for (int k = 0; k < 3; k++)
        {
            grad.StochasticGradient(2, x, g, r);
            for (int j = 0; j < d; j++)
            {
                acc[j] += g[j] / 3;
            }
        }

        float[] got = payload.ToArray();
        for (int j = 0; j < d; j++)
        {
            Assert.Equal((float)acc[j], got[j], 5);
        }

        Assert.Equal(UpdatePayloadKind.Gradient, update.Kind);
        Assert.Equal(3, update.LocalSteps);
        Assert.Equal(2, update.ClientId);
        Assert.Equal(77, update.TaskId);

        // delta payload without noise: two exact GD steps at η = 0.5
        var delta = new TridiagonalQuadratic(new TridiagonalQuadraticOptions { Dimension = d, NoiseScale = 0, PayloadKind = UpdatePayloadKind.ModelDelta });
        delta.Execute(new ClientWork(0, 2, 0.5, 1), model, update, new RandomSource(1));
        float[] x1 = (float[])x.Clone();
        double[] xd = x.Select(v => (double)v).ToArray();
        for (int k = 0; k < 2; k++)
        {
            delta.Gradient(xd.Select(v => (float)v).ToArray(), g);
            for (int j = 0; j < d; j++)
            {
                xd[j] -= 0.5 * g[j];
            }
        }

        got = payload.ToArray();
        for (int j = 0; j < d; j++)
        {
            Assert.Equal(xd[j] - x[j], got[j], 4);
        }

        Assert.Equal(UpdatePayloadKind.ModelDelta, update.Kind);
        Assert.Equal(delta.Loss(x), update.Loss, 6);
    }

    [Fact]
    public void ExecuteIsThreadSafeAndDeterministic()
    {
        const int d = 50, clients = 32;
        var q = new TridiagonalQuadratic(new TridiagonalQuadraticOptions { Dimension = d, PayloadKind = UpdatePayloadKind.ModelDelta, ClientCount = clients, Heterogeneity = 0.5 });
        var backend = new CpuParameterBackend();
        using ParameterVector model = backend.Allocate(d);
        model.CopyFrom(RandomPoint(d, 1));

        float[][] Run(bool parallel)
        {
            var results = new float[clients][];
            void One(int i)
            {
                using ParameterVector p = backend.Allocate(d);
                var u = new ClientUpdate(p);
                q.Execute(new ClientWork(i, 20, 0.1, i), model, u, RandomSource.Create(5, i));
                results[i] = p.ToArray();
            }

            if (parallel)
            {
                Parallel.For(0, clients, One);
            }
            else
            {
                for (int i = 0; i < clients; i++)
                {
                    One(i);
                }
            }

            return results;
        }

        float[][] seq = Run(false);
        float[][] par = Run(true);
        for (int i = 0; i < clients; i++)
        {
            Assert.Equal(seq[i], par[i]);
        }
    }

    [Fact]
    public void OptionsErrorsAreReportedTogether()
    {
        var e = Assert.Throws<ArgumentException>(() => new TridiagonalQuadratic(new TridiagonalQuadraticOptions
        {
            Dimension = 0,
            StrongConvexity = double.NaN,
            NoiseScale = -1,
            Heterogeneity = 1,
        }));
        Assert.Contains("Dimension", e.Message, StringComparison.Ordinal);
        Assert.Contains("StrongConvexity", e.Message, StringComparison.Ordinal);
        Assert.Contains("NoiseScale", e.Message, StringComparison.Ordinal);
        Assert.Contains("ClientCount", e.Message, StringComparison.Ordinal);
    }

    // Vectors computed by hand from the formulas of spec schedulers.md §0.3 and aggregation.md §3.2, §7 (derivations in the
    // comments).
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
}
