using AsyncFl.Backends;
using AsyncFl.Simulation.Objectives;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using static AsyncFl.Simulation.Tests.Objectives.ObjectiveTestHelpers;

namespace AsyncFl.Simulation.Tests.Objectives;

public class TridiagonalQuadraticTests
{
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
}
