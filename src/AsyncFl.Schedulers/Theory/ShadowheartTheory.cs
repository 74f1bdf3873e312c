namespace AsyncFl.Schedulers.Theory;

/// <summary>
/// Shadowheart SGD's equilibrium-time solver and round plan (Tyurin, Pozzi, Ilin, Richtárik, NeurIPS 2024;
/// spec schedulers.md §4.2–4.3).
/// </summary>
public static class ShadowheartTheory
{
    /// <summary>
    /// Solves for t*: sort workers by <c>max(h_i, τ_i)</c>; for each prefix j find the unique root s of
    /// <c>s = [Σ_{i≤j} 1/(2τ_iω + 4τ_iω h_i S/s + 2h_i S)]^{-1}</c> by bisection; <c>t*(j) = max(max(h_j, τ_j), s)</c>;
    /// <c>t* = min_j t*(j)</c>.
    /// </summary>
    /// <param name="computeTimes">h_i, seconds per stochastic gradient (finite, &gt; 0).</param>
    /// <param name="uploadTimes">τ_i, seconds per compressed upload (finite, ≥ 0).</param>
    /// <param name="omega">The compressor's variance ω ≥ 0.</param>
    /// <param name="noiseBatch">S = σ²/ε (&gt; 0).</param>
    /// <returns>t* and the prefix that attains it.</returns>
    public static EquilibriumTime Solve(ReadOnlySpan<double> computeTimes, ReadOnlySpan<double> uploadTimes, double omega, double noiseBatch)
    {
        Validate(computeTimes, uploadTimes, omega, noiseBatch);
        int n = computeTimes.Length;
        var order = new int[n];
        var key = new double[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            key[i] = Math.Max(computeTimes[i], uploadTimes[i]);
        }

        Array.Sort((double[])key.Clone(), order);
        double best = double.PositiveInfinity;
        int bestJ = 0;
        var h = new double[n];
        var tau = new double[n];
        for (int j = 1; j <= n; j++)
        {
            int w = order[j - 1];
            h[j - 1] = computeTimes[w];
            tau[j - 1] = uploadTimes[w];
            double s = SolvePrefix(h.AsSpan(0, j), tau.AsSpan(0, j), omega, noiseBatch);
            double t = Math.Max(key[w], s);
            if (t < best)
            {
                best = t;
                bestJ = j;
            }
        }

        return new EquilibriumTime(best, bestJ);
    }

    /// <summary>The fixed point s of one prefix (bisection to relative precision 1e-13).</summary>
    /// <param name="h">The prefix's compute times.</param>
    /// <param name="tau">The prefix's upload times.</param>
    /// <param name="omega">ω.</param>
    /// <param name="noiseBatch">S.</param>
    /// <returns>s.</returns>
    public static double SolvePrefix(ReadOnlySpan<double> h, ReadOnlySpan<double> tau, double omega, double noiseBatch)
    {
        // RHS(s) decreases in s from +∞ (s → 0) to RHS(∞) > 0, so F(s) = s − RHS(s) increases and has one root,
        // at s ≥ RHS(∞): bracket [RHS(∞), hi] with hi found by doubling.
        double lo = Rhs(h, tau, omega, noiseBatch, double.PositiveInfinity);
        if (!(lo > 0) || !double.IsFinite(lo))
        {
            return lo;
        }

        double hi = 2 * lo;
        while (hi - Rhs(h, tau, omega, noiseBatch, hi) < 0)
        {
            lo = hi;
            hi *= 2;
        }

        for (int it = 0; it < 200 && hi - lo > 1e-13 * hi; it++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid - Rhs(h, tau, omega, noiseBatch, mid) >= 0)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    /// <summary>
    /// The round plan: <c>b_i = ⌊t*/h_i⌋</c>, <c>m_i = ⌊t*/τ_i⌋</c> (capped at <paramref name="maxUploads"/>; 1 when
    /// ω = 0 because identical copies add nothing, and then 0 when τ_i &gt; t*), <c>w_i = 1/(b_i ω + ω S + m_i S)</c>.
    /// </summary>
    /// <param name="time">t*.</param>
    /// <param name="computeTimes">h_i.</param>
    /// <param name="uploadTimes">τ_i.</param>
    /// <param name="omega">ω.</param>
    /// <param name="noiseBatch">S.</param>
    /// <param name="maxUploads">Cap on m_i (e.g. ⌈d/K⌉); int.MaxValue for none.</param>
    /// <returns>One plan per worker (input order).</returns>
    public static ShadowheartWorkerPlan[] Plan(double time, ReadOnlySpan<double> computeTimes, ReadOnlySpan<double> uploadTimes, double omega, double noiseBatch, int maxUploads = int.MaxValue)
    {
        Validate(computeTimes, uploadTimes, omega, noiseBatch);
        var plan = new ShadowheartWorkerPlan[computeTimes.Length];
        double slack = 1 + 1e-12; // t* = k·h_i computed in floating point must still give b_i = k.
        for (int i = 0; i < plan.Length; i++)
        {
            int b = Floor(time * slack / computeTimes[i]);
            // Uncompressed (ω = 0): one upload suffices, but only if it fits in the round (τ_i ≤ t*); a worker whose
            // single upload takes longer than t* would stretch every round past 2t*, so it sits out.
            int m = omega == 0 ? (uploadTimes[i] <= time * slack ? 1 : 0) : (uploadTimes[i] == 0 ? maxUploads : Floor(time * slack / uploadTimes[i]));
            m = Math.Min(m, maxUploads);
            if (b < 1 || m < 1)
            {
                plan[i] = new ShadowheartWorkerPlan(0, 0, 0);
                continue;
            }

            double w = 1.0 / ((b * omega) + (omega * noiseBatch) + (m * noiseBatch));
            plan[i] = new ShadowheartWorkerPlan(b, m, w);
        }

        return plan;
    }

    /// <summary>The normaliser <c>Z = Σ_i w_i m_i b_i</c> over active workers.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>Z.</returns>
    public static double Normalizer(ReadOnlySpan<ShadowheartWorkerPlan> plan)
    {
        double z = 0;
        foreach (var p in plan)
        {
            z += p.Weight * p.Uploads * p.Gradients;
        }

        return z;
    }

    private static int Floor(double x) => x >= int.MaxValue ? int.MaxValue : (int)Math.Floor(x);

    private static double Rhs(ReadOnlySpan<double> h, ReadOnlySpan<double> tau, double omega, double s, double x)
    {
        double sum = 0;
        for (int i = 0; i < h.Length; i++)
        {
            double mid = double.IsPositiveInfinity(x) ? 0 : 4 * tau[i] * omega * h[i] * s / x;
            sum += 1.0 / ((2 * tau[i] * omega) + mid + (2 * h[i] * s));
        }

        return 1.0 / sum;
    }

    private static void Validate(ReadOnlySpan<double> h, ReadOnlySpan<double> tau, double omega, double s)
    {
        var errors = new List<string>();
        if (h.IsEmpty || h.Length != tau.Length)
        {
            errors.Add($"computeTimes and uploadTimes must be non-empty and of equal length (got {h.Length} and {tau.Length}).");
        }

        for (int i = 0; i < Math.Min(h.Length, tau.Length); i++)
        {
            if (!double.IsFinite(h[i]) || h[i] <= 0)
            {
                errors.Add($"computeTimes[{i}] must be finite and > 0 (got {h[i]}).");
            }

            if (!double.IsFinite(tau[i]) || tau[i] < 0)
            {
                errors.Add($"uploadTimes[{i}] must be finite and ≥ 0 (got {tau[i]}).");
            }
        }

        if (!double.IsFinite(omega) || omega < 0)
        {
            errors.Add($"omega must be finite and ≥ 0 (got {omega}).");
        }

        if (!double.IsFinite(s) || s <= 0)
        {
            errors.Add($"noiseBatch must be finite and > 0 (got {s}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors));
        }
    }
}
