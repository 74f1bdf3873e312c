using AsyncFl.Simulation.Objectives;
using Xunit;
using static AsyncFl.Simulation.Tests.Objectives.ObjectiveTestHelpers;

namespace AsyncFl.Simulation.Tests.Objectives;

public class LogisticRegressionTests
{
    [Fact]
    public void GradientMatchesFiniteDifferencesAndVanishesAtOptimum()
    {
        var f = new LogisticRegression(new LogisticRegressionOptions { Rows = 400, Dimension = 8, Seed = 1 });
        GradientMatchesFiniteDifferences(f, RandomPoint(8, 1, 0.5), 1e-3);
        var x = new double[8];
        f.CopyOptimum(x);
        // gradient in double at x*
        float[] xs = x.Select(v => (float)v).ToArray();
        Assert.True(f.GradientNormSquared(xs) < 1e-12, $"{f.GradientNormSquared(xs)}");
        Assert.True(f.OptimalValue < Math.Log(2)); // better than x = 0
        for (int s = 0; s < 10; s++)
        {
            float[] p = xs.Select((v, j) => v + (0.05f * (float)new RandomSource(s).NextGaussian())).ToArray();
            Assert.True(f.Loss(p) >= f.OptimalValue);
        }
    }

    [Fact]
    public void LabelsFollowThePlantedModel()
    {
        var f = new LogisticRegression(new LogisticRegressionOptions { Rows = 2000, Dimension = 5, Separation = 4, Seed = 2 });
        int ones = f.Labels.Count(l => l == 1);
        Assert.InRange(ones, 800, 1200); // symmetric model: about half
        Assert.Equal(f.Labels.Count, f.Rows);
    }
}
