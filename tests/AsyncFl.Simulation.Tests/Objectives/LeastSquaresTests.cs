using AsyncFl.Simulation.Objectives;
using MathNet.Numerics.LinearAlgebra;
using Xunit;
using static AsyncFl.Simulation.Tests.Objectives.ObjectiveTestHelpers;

namespace AsyncFl.Simulation.Tests.Objectives;

public class LeastSquaresTests
{
    private static LeastSquares Small(int[][]? rows = null) =>
        new(new LeastSquaresOptions { Rows = 300, Dimension = 20, BatchSize = 16, Seed = 4, ClientRows = rows });

    [Fact]
    public void OptimumMatchesAQrSolveAndGradientVanishes()
    {
        LeastSquares f = Small();
        var a = Matrix<double>.Build.Dense(f.Rows, f.Dimension, (j, k) => f.Features(j)[k]);
        var b = Vector<double>.Build.Dense(f.Rows, j => f.Target(j));
        Vector<double> xQr = a.QR().Solve(b);
        var x = new double[f.Dimension];
        f.CopyOptimum(x);
        for (int k = 0; k < f.Dimension; k++)
        {
            Assert.Equal(xQr[k], x[k], 6);
        }

        double fStar = (a * xQr - b).L2Norm();
        Assert.Equal(0.5 * fStar * fStar / f.Rows, f.OptimalValue, 15);
        Assert.True(f.OptimalValue < 1e-9); // b = A x_rand + 1e−5·noise
        for (int s = 0; s < 10; s++)
        {
            Assert.True(f.Loss(RandomPoint(20, s, 0.1)) > f.OptimalValue);
        }
    }

    [Fact]
    public void EntriesAreUniformOverRootD()
    {
        LeastSquares f = Small();
        double max = 0, sum = 0;
        for (int j = 0; j < f.Rows; j++)
        {
            foreach (double v in f.Features(j))
            {
                Assert.InRange(v, 0, 1 / Math.Sqrt(20));
                max = Math.Max(max, v);
                sum += v;
            }
        }

        // mean of U(0,1)/√20 = 0.1118; 6000 entries, sd 0.0645 → 6 SE ≈ 0.005
        Assert.InRange(sum / (f.Rows * 20), 0.1118 - 0.005, 0.1118 + 0.005);
    }

    [Fact]
    public void ExactGradientMatchesFiniteDifferences() => GradientMatchesFiniteDifferences(Small(), RandomPoint(20, 2), 1e-3);

    [Fact]
    public void MinibatchGradientIsUnbiased()
    {
        LeastSquares f = Small();
        float[] x = RandomPoint(20, 3);
        var exact = new double[20];
        f.Gradient(x, exact);
        var g = new double[20];
        var mean = new double[20];
        var r = new RandomSource(6);
        const int n = 4000;
        for (int k = 0; k < n; k++)
        {
            f.StochasticGradient(0, x, g, r);
            for (int j = 0; j < 20; j++)
            {
                mean[j] += g[j] / n;
            }
        }

        double err = Math.Sqrt(mean.Zip(exact, (m, e) => (m - e) * (m - e)).Sum());
        double norm = Math.Sqrt(exact.Sum(v => v * v));
        Assert.True(err < 0.05 * norm, $"‖mean − ∇f‖ = {err}, ‖∇f‖ = {norm}");
    }

    [Fact]
    public void PartitionedClientsSampleOwnRowsAndCountThem()
    {
        int[][] rows = [Enumerable.Range(0, 100).ToArray(), Enumerable.Range(100, 200).ToArray()];
        LeastSquares f = Small(rows);
        Assert.Equal(100, f.ClientSampleCount(0));
        Assert.Equal(200, f.ClientSampleCount(1));
        float[] x = RandomPoint(20, 8);
        // size-weighted mean of client losses = global loss
        Assert.Equal(f.Loss(x), ((100 * f.ClientLoss(0, x)) + (200 * f.ClientLoss(1, x))) / 300, 9);
    }
}
