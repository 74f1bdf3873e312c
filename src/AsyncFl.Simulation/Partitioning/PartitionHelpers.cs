using MathNet.Numerics.Distributions;

namespace AsyncFl.Simulation.Partitioning;

internal static class PartitionHelpers
{
    /// <summary>Sorted distinct labels and, for each, its rows in increasing order.</summary>
    public static (int[] Classes, int[][] RowsByClass) GroupByLabel(ReadOnlySpan<int> labels)
    {
        var counts = new SortedDictionary<int, int>();
        foreach (int l in labels)
        {
            counts[l] = counts.TryGetValue(l, out int c) ? c + 1 : 1;
        }

        int[] classes = [.. counts.Keys];
        var index = new Dictionary<int, int>(classes.Length);
        var rows = new int[classes.Length][];
        for (int k = 0; k < classes.Length; k++)
        {
            index[classes[k]] = k;
            rows[k] = new int[counts[classes[k]]];
        }

        var fill = new int[classes.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            int k = index[labels[i]];
            rows[k][fill[k]++] = i;
        }

        return (classes, rows);
    }

    public static void Shuffle<T>(Span<T> items, RandomSource random)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>
    /// A Dirichlet(α) draw as normalised Gamma(α_j, 1) draws, computed in log space so that tiny α (≪ 1) never
    /// underflows to an all-zero vector: <c>Gamma(α) = Gamma(α+1)·U^{1/α}</c>, so
    /// <c>log G = log Gamma(α+1) + log(U)/α</c> (Marsaglia–Tsang via MathNet for shape α+1 ≥ 1).
    /// </summary>
    public static void Dirichlet(ReadOnlySpan<double> alpha, Span<double> destination, RandomSource random)
    {
        double max = double.NegativeInfinity;
        for (int j = 0; j < alpha.Length; j++)
        {
            double a = alpha[j];
            double g = Gamma.Sample(random, a + 1.0, 1.0);
            double u = 1.0 - random.NextDouble(); // (0, 1]
            double logG = Math.Log(g) + (Math.Log(u) / a);
            destination[j] = logG;
            max = Math.Max(max, logG);
        }

        double sum = 0;
        for (int j = 0; j < alpha.Length; j++)
        {
            double v = Math.Exp(destination[j] - max);
            destination[j] = v;
            sum += v;
        }

        for (int j = 0; j < alpha.Length; j++)
        {
            destination[j] /= sum;
        }
    }

    public static int[][] ToArrays(List<int>[] parts)
    {
        var result = new int[parts.Length][];
        for (int i = 0; i < parts.Length; i++)
        {
            result[i] = [.. parts[i]];
        }

        return result;
    }
}
