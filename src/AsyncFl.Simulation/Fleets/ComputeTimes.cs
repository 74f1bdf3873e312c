namespace AsyncFl.Simulation;

/// <summary>Per-device seconds-per-unit vectors used by the asynchronous-SGD papers (scheduler spec §0.3).</summary>
public static class ComputeTimes
{
    /// <summary>τ_i = √i for i = 1…n (element <c>k</c> is √(k+1)): the Mishchenko / Tyurin fixed model.</summary>
    /// <param name="count">n.</param>
    public static double[] SqrtIndex(int count) => SqrtIndexPlusOne(count);

    /// <summary>√(i+1) for i = 0…n−1 (the Ringmaster script's per-worker noise scales, and √i for 1-based i).</summary>
    /// <param name="count">n.</param>
    public static double[] SqrtIndexPlusOne(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var tau = new double[count];
        for (int i = 0; i < count; i++)
        {
            tau[i] = Math.Sqrt(i + 1);
        }

        return tau;
    }

    /// <summary>τ = 1 + √i for i = 0…n−1, then randomly permuted (Fisher–Yates with <paramref name="random"/>).</summary>
    /// <param name="count">n.</param>
    /// <param name="random">Draws the permutation.</param>
    public static double[] OnePlusSqrtShuffled(int count, RandomSource random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(random);
        var tau = new double[count];
        for (int i = 0; i < count; i++)
        {
            tau[i] = 1.0 + Math.Sqrt(i);
        }

        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (tau[i], tau[j]) = (tau[j], tau[i]);
        }

        return tau;
    }
}
