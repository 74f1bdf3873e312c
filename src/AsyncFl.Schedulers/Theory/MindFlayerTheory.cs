namespace AsyncFl.Schedulers.Theory;

/// <summary>
/// MindFlayer SGD's parameters (Maranjyan, Shaikh Omar, Richtárik, UAI 2025; spec schedulers.md §5.3): the clip
/// <c>t_i = argmin_t (τ_i + t)/P(η_i ≤ t)</c> and the attempt budgets <c>B_i</c>.
/// </summary>
public static class MindFlayerTheory
{
    /// <summary>
    /// Minimises <c>(τ + t)/F(t)</c> over <c>t ∈ (0, tMax]</c> for a CDF F of the random part η: a log-spaced grid
    /// of <paramref name="gridPoints"/> points followed by golden-section refinement around the best grid point.
    /// </summary>
    /// <param name="cdf">F(t) = P(η ≤ t).</param>
    /// <param name="baseTime">τ ≥ 0.</param>
    /// <param name="tMax">The largest clip considered (&gt; 0).</param>
    /// <param name="tMin">The smallest clip considered (&gt; 0, &lt; tMax).</param>
    /// <param name="gridPoints">Grid size (≥ 3).</param>
    /// <returns>The clip, its success probability and the effective time.</returns>
    public static ClipChoice OptimalClip(Func<double, double> cdf, double baseTime, double tMax, double tMin = 1e-6, int gridPoints = 400)
    {
        ArgumentNullException.ThrowIfNull(cdf);
        if (!double.IsFinite(baseTime) || baseTime < 0 || !double.IsFinite(tMax) || !double.IsFinite(tMin) || tMin <= 0 || tMax <= tMin || gridPoints < 3)
        {
            throw new ArgumentException($"Need finite baseTime ≥ 0 (got {baseTime}), 0 < tMin < tMax (got {tMin}, {tMax}) and gridPoints ≥ 3 (got {gridPoints}).");
        }

        double Objective(double t)
        {
            double p = cdf(t);
            return p > 0 ? (baseTime + t) / p : double.PositiveInfinity;
        }

        double logMin = Math.Log(tMin), step = (Math.Log(tMax) - logMin) / (gridPoints - 1);
        int best = 0;
        double bestValue = double.PositiveInfinity;
        for (int k = 0; k < gridPoints; k++)
        {
            double v = Objective(Math.Exp(logMin + (k * step)));
            if (v < bestValue)
            {
                bestValue = v;
                best = k;
            }
        }

        double a = Math.Exp(logMin + (Math.Max(0, best - 1) * step));
        double b = Math.Exp(logMin + (Math.Min(gridPoints - 1, best + 1) * step));
        double phi = (Math.Sqrt(5) - 1) / 2;
        double c = b - (phi * (b - a)), d = a + (phi * (b - a));
        double fc = Objective(c), fd = Objective(d);
        for (int it = 0; it < 100 && b - a > 1e-12 * b; it++)
        {
            if (fc <= fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - (phi * (b - a));
                fc = Objective(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + (phi * (b - a));
                fd = Objective(d);
            }
        }

        double clip = 0.5 * (a + b);
        double gridClip = Math.Exp(logMin + (best * step));
        if (Objective(gridClip) < Objective(clip))
        {
            clip = gridClip;
        }

        double prob = cdf(clip);
        return new ClipChoice(clip, prob, (baseTime + clip) / prob);
    }

    /// <summary>
    /// The clip from observed samples of η: minimises <c>(τ + t)/F̂(t)</c> with the empirical CDF F̂. Because F̂ is a
    /// step function that jumps at the samples and <c>τ + t</c> grows between them, the minimum lies at a sample,
    /// so the search over the sorted samples is exact.
    /// </summary>
    /// <param name="samples">Observed values of η (≥ 0, finite; at least one).</param>
    /// <param name="baseTime">τ ≥ 0.</param>
    /// <returns>The clip, its empirical success probability and the effective time.</returns>
    public static ClipChoice OptimalClipFromSamples(ReadOnlySpan<double> samples, double baseTime)
    {
        if (samples.IsEmpty || !double.IsFinite(baseTime) || baseTime < 0)
        {
            throw new ArgumentException($"Need at least one sample and a finite baseTime ≥ 0 (got {samples.Length} samples, baseTime {baseTime}).");
        }

        double[] sorted = samples.ToArray();
        foreach (double x in sorted)
        {
            if (!double.IsFinite(x) || x < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(samples), x, "Every sample must be finite and ≥ 0.");
            }
        }

        Array.Sort(sorted);
        int n = sorted.Length;
        ClipChoice best = new(double.PositiveInfinity, 0, double.PositiveInfinity);
        for (int k = 0; k < n; k++)
        {
            if (k + 1 < n && sorted[k + 1] == sorted[k])
            {
                continue; // take the last of equal samples: F̂ counts all of them.
            }

            double p = (k + 1) / (double)n;
            double eff = (baseTime + sorted[k]) / p;
            if (eff < best.EffectiveTime)
            {
                best = new ClipChoice(sorted[k], p, eff);
            }
        }

        return best;
    }

    /// <summary>
    /// Attempt budgets: the smallest round time <c>T_r</c> with <c>Σ_i p_i ⌊T_r/(τ_i + t_i)⌋ ≥ S</c>, and
    /// <c>B_i = ⌊T_r/(τ_i + t_i)⌋</c> (0 for workers too slow to fit one attempt).
    /// </summary>
    /// <param name="attemptTimes">τ_i + t_i per worker (&gt; 0; +∞ to exclude a worker).</param>
    /// <param name="successProbabilities">p_i per worker in [0, 1].</param>
    /// <param name="noiseBatch">S, the expected number of successful gradients per round (&gt; 0).</param>
    /// <param name="budgets">Receives B_i.</param>
    /// <returns>T_r.</returns>
    public static double Budgets(ReadOnlySpan<double> attemptTimes, ReadOnlySpan<double> successProbabilities, double noiseBatch, Span<int> budgets)
    {
        if (attemptTimes.Length != successProbabilities.Length || budgets.Length != attemptTimes.Length)
        {
            throw new ArgumentException("attemptTimes, successProbabilities and budgets must have the same length.");
        }

        double round = CollectionTime.WeightedExact(attemptTimes, successProbabilities, noiseBatch);
        if (double.IsPositiveInfinity(round))
        {
            throw new ArgumentException("No worker can contribute: every attempt time is infinite or every success probability is 0.");
        }

        for (int i = 0; i < budgets.Length; i++)
        {
            budgets[i] = double.IsFinite(attemptTimes[i]) && successProbabilities[i] > 0
                ? (int)Math.Floor(round * (1 + 1e-12) / attemptTimes[i])
                : 0;
        }

        return round;
    }
}
