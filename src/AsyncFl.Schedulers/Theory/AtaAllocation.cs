namespace AsyncFl.Schedulers.Theory;

/// <summary>
/// ATA's task allocation (Maranjyan, Saad, Richtárik, Orabona, ICML 2025; spec schedulers.md §6.2): the greedy
/// makespan rule over per-worker scores and the lower-confidence-bound score.
/// </summary>
public static class AtaAllocation
{
    /// <summary>
    /// The LCB score <c>s = μ̂ − c·α·(√(ln(2k²)/K) + ln(2k²)/K)</c> with <c>c = 4e</c> by default [recall];
    /// −∞ when the worker was never observed (K = 0).
    /// </summary>
    /// <param name="mean">μ̂, the mean observed task time.</param>
    /// <param name="observations">K, the number of observed task times.</param>
    /// <param name="round">k ≥ 1, the round number.</param>
    /// <param name="scale">α, the sub-exponential scale (ATA-Empirical: 2μ̂).</param>
    /// <param name="constant">c (default 4e).</param>
    /// <returns>The score.</returns>
    public static double LowerConfidenceBound(double mean, long observations, long round, double scale, double constant = 4 * Math.E)
    {
        if (observations <= 0)
        {
            return double.NegativeInfinity;
        }

        double l = Math.Log(2.0 * round * (double)round) / observations;
        return mean - (constant * scale * (Math.Sqrt(l) + l));
    }

    /// <summary>
    /// Greedy makespan allocation of <paramref name="tasks"/> tasks: workers with score −∞ (never observed) first get
    /// one task each (exploration, in index order while tasks remain); nonpositive scores are lifted to the
    /// smallest positive score present (1 when there is none), so an optimistic but finite cost keeps the rule
    /// spreading work; then each further task goes to the worker that minimises <c>max_j s_j·a_j</c> after the
    /// increment, ties broken by the fewest workers attaining the maximum, then by the lowest index.
    /// </summary>
    /// <param name="scores">s_j per worker (−∞ allowed; NaN not allowed). Use +∞ to exclude a worker.</param>
    /// <param name="tasks">B ≥ 0.</param>
    /// <param name="allocation">Receives a_j (same length as scores).</param>
    /// <returns>The proxy loss <c>max_j s_j·a_j</c> over the lifted scores (0 when nothing is allocated).</returns>
    public static double Allocate(ReadOnlySpan<double> scores, int tasks, Span<int> allocation)
    {
        if (scores.Length != allocation.Length || scores.IsEmpty)
        {
            throw new ArgumentException("scores and allocation must be non-empty and of equal length.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(tasks);
        allocation.Clear();
        double floor = double.PositiveInfinity;
        foreach (double s in scores)
        {
            if (double.IsNaN(s))
            {
                throw new ArgumentException("A score is NaN.", nameof(scores));
            }

            if (s > 0 && s < floor)
            {
                floor = s;
            }
        }

        if (double.IsPositiveInfinity(floor))
        {
            floor = 1;
        }

        int remaining = tasks;
        for (int j = 0; j < scores.Length && remaining > 0; j++)
        {
            if (double.IsNegativeInfinity(scores[j]))
            {
                allocation[j] = 1;
                remaining--;
            }
        }

        // Current maximum load and how many workers attain it.
        double max = 0;
        int count = 0;
        for (int j = 0; j < scores.Length; j++)
        {
            if (allocation[j] == 0 || double.IsPositiveInfinity(scores[j]))
            {
                continue;
            }

            double load = Cost(scores[j], floor) * allocation[j];
            if (load > max)
            {
                max = load;
                count = 1;
            }
            else if (load == max)
            {
                count++;
            }
        }

        while (remaining > 0)
        {
            int best = -1;
            double bestMax = double.PositiveInfinity;
            int bestCount = int.MaxValue;
            for (int j = 0; j < scores.Length; j++)
            {
                if (double.IsPositiveInfinity(scores[j]))
                {
                    continue;
                }

                double load = Cost(scores[j], floor) * (allocation[j] + 1);
                double newMax;
                int newCount;
                if (load > max)
                {
                    newMax = load;
                    newCount = 1;
                }
                else if (load == max)
                {
                    newMax = max;
                    newCount = count + 1;
                }
                else
                {
                    newMax = max;
                    newCount = count;
                }

                if (newMax < bestMax || (newMax == bestMax && newCount < bestCount))
                {
                    best = j;
                    bestMax = newMax;
                    bestCount = newCount;
                }
            }

            if (best < 0)
            {
                throw new ArgumentException("Every worker is excluded (score +∞).", nameof(scores));
            }

            allocation[best]++;
            max = bestMax;
            count = bestCount;
            remaining--;
        }

        return max;
    }

    private static double Cost(double score, double floor) => score <= 0 ? floor : score;
}
