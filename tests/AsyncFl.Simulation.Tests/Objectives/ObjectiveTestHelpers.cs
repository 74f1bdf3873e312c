using AsyncFl.Simulation.Objectives;
using Xunit;

namespace AsyncFl.Simulation.Tests.Objectives;

internal static class ObjectiveTestHelpers
{
    public static float[] RandomPoint(int d, long seed, double scale = 1.0)
    {
        var r = new RandomSource(seed);
        var x = new float[d];
        for (int j = 0; j < d; j++)
        {
            x[j] = (float)(scale * r.NextGaussian());
        }

        return x;
    }

    /// <summary>Central differences on the float point, compared with the exact gradient.</summary>
    public static void GradientMatchesFiniteDifferences(SimulationObjective f, float[] x, double tolerance)
    {
        var g = new double[f.Dimension];
        f.Gradient(x, g);
        for (int j = 0; j < f.Dimension; j++)
        {
            float h = 1e-2f;
            float[] plus = (float[])x.Clone();
            float[] minus = (float[])x.Clone();
            plus[j] += h;
            minus[j] -= h;
            double actualH = (double)plus[j] - minus[j];
            double fd = (f.Loss(plus) - f.Loss(minus)) / actualH;
            Assert.True(Math.Abs(fd - g[j]) <= tolerance * Math.Max(1, Math.Abs(g[j])), $"coordinate {j}: finite difference {fd}, gradient {g[j]}");
        }
    }

    public static float[] Optimum(SimulationObjective f)
    {
        var x = new double[f.Dimension];
        f.CopyOptimum(x);
        return x.Select(v => (float)v).ToArray();
    }
}
