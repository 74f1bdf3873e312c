namespace AsyncFl.Schedulers.Theory;

/// <summary>
/// The collection-time function of the fixed computation model (spec schedulers.md §0.2): worker <c>i</c> needs
/// exactly <c>τ_i</c> seconds per stochastic gradient and every worker starts at the same instant.
/// </summary>
public static class CollectionTime
{
    /// <summary>
    /// The bound <c>t(S) = min_{m∈[n]} (Σ_{i≤m} 1/τ_i)^{-1}·(S + m)</c> over the workers sorted by τ, with its
    /// minimiser <c>m</c>. The exact collection time lies in <c>[t(S)/2, t(S)]</c>.
    /// </summary>
    /// <param name="tau">Seconds per gradient of each worker (any order; each finite and &gt; 0).</param>
    /// <param name="s">The number of gradients to collect (&gt; 0).</param>
    /// <returns>The bound and the number of fastest workers attaining it.</returns>
    public static (double Time, int Workers) Bound(ReadOnlySpan<double> tau, double s)
    {
        double[] sorted = SortedCopy(tau);
        ValidateS(s);
        double harmonic = 0;
        double best = double.PositiveInfinity;
        int bestM = 0;
        for (int m = 1; m <= sorted.Length; m++)
        {
            harmonic += 1.0 / sorted[m - 1];
            double t = (s + m) / harmonic;
            if (t < best)
            {
                best = t;
                bestM = m;
            }
        }

        return (best, bestM);
    }

    /// <summary>
    /// The exact collection time <c>min{ t : Σ_i ⌊t/τ_i⌋ ≥ S }</c>: the S-th smallest of the completion instants
    /// <c>k·τ_i</c> (k ≥ 1) of all workers.
    /// </summary>
    /// <param name="tau">Seconds per gradient of each worker (each finite and &gt; 0).</param>
    /// <param name="s">The number of gradients to collect (≥ 1).</param>
    /// <returns>The time.</returns>
    public static double Exact(ReadOnlySpan<double> tau, long s)
    {
        double[] sorted = SortedCopy(tau);
        if (s < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(s), s, "The number of gradients to collect must be ≥ 1.");
        }

        var weights = new double[sorted.Length];
        Array.Fill(weights, 1.0);
        return WeightedExact(sorted, weights, s);
    }

    /// <summary>
    /// <c>min{ t : Σ_i w_i·⌊t/c_i⌋ ≥ target }</c> (MindFlayer's round budget with <c>w_i = p_i</c>): walks the
    /// completion instants <c>k·c_i</c> in increasing order.
    /// </summary>
    /// <param name="cost">Seconds per attempt of each worker (&gt; 0; +∞ for a worker never used).</param>
    /// <param name="weight">Value of one attempt of each worker (≥ 0).</param>
    /// <param name="target">The value to reach (&gt; 0).</param>
    /// <returns>The smallest time; +∞ when no worker contributes.</returns>
    public static double WeightedExact(ReadOnlySpan<double> cost, ReadOnlySpan<double> weight, double target)
    {
        if (cost.Length != weight.Length)
        {
            throw new ArgumentException("cost and weight must have the same length.", nameof(weight));
        }

        var queue = new PriorityQueue<int, (double Time, int Worker)>();
        var next = new long[cost.Length];
        for (int i = 0; i < cost.Length; i++)
        {
            if (double.IsFinite(cost[i]) && cost[i] > 0 && weight[i] > 0)
            {
                next[i] = 1;
                queue.Enqueue(i, (cost[i], i));
            }
        }

        double total = 0;
        while (queue.TryDequeue(out int i, out var key))
        {
            total += weight[i];
            if (total >= target * (1 - 1e-12))
            {
                return key.Time;
            }

            next[i]++;
            queue.Enqueue(i, (next[i] * cost[i], i));
        }

        return double.PositiveInfinity;
    }

    internal static double[] SortedCopy(ReadOnlySpan<double> tau)
    {
        if (tau.IsEmpty)
        {
            throw new ArgumentException("At least one worker time is required.", nameof(tau));
        }

        double[] sorted = tau.ToArray();
        foreach (double t in sorted)
        {
            if (!double.IsFinite(t) || t <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(tau), t, "Every worker time must be finite and > 0.");
            }
        }

        Array.Sort(sorted);
        return sorted;
    }

    private static void ValidateS(double s)
    {
        if (!double.IsFinite(s) || s <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(s), s, "S must be finite and > 0.");
        }
    }
}
