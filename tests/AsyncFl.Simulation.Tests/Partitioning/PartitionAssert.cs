using Xunit;

namespace AsyncFl.Simulation.Tests.Partitioning;

internal static class PartitionAssert
{
    /// <summary>10 classes × <paramref name="perClass"/> rows, labels interleaved.</summary>
    public static int[] Labels(int perClass, int classes = 10) =>
        Enumerable.Range(0, perClass * classes).Select(i => i % classes).ToArray();

    public static void DisjointCover(int[][] parts, int rows, bool complete)
    {
        var seen = new bool[rows];
        int total = 0;
        foreach (int[] p in parts)
        {
            foreach (int i in p)
            {
                Assert.InRange(i, 0, rows - 1);
                Assert.False(seen[i], $"row {i} appears twice");
                seen[i] = true;
                total++;
            }
        }

        if (complete)
        {
            Assert.Equal(rows, total);
        }
    }

    /// <summary>Mean total-variation distance between each partition's class mix and the uniform mix.</summary>
    public static double MeanTvToUniform(int[][] parts, int[] labels, int classes)
    {
        double sum = 0;
        int counted = 0;
        foreach (int[] p in parts)
        {
            if (p.Length == 0)
            {
                continue;
            }

            var h = new double[classes];
            foreach (int i in p)
            {
                h[labels[i]]++;
            }

            sum += 0.5 * h.Sum(c => Math.Abs((c / p.Length) - (1.0 / classes)));
            counted++;
        }

        return sum / counted;
    }
}
