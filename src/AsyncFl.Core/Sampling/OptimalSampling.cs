namespace AsyncFl.Sampling;

/// <summary>
/// The optimal independent-participation probabilities of Chen, Horváth and Richtárik ("Optimal client sampling for
/// federated learning", arXiv 2010.13723, TMLR 2022; spec aggregation.md §6.2): minimise
/// <c>Σ_i (1−p_i)/p_i·u_i²</c> subject to <c>Σ p_i = m</c>, <c>0 ≤ p_i ≤ 1</c>, where <c>u_i = ‖w_i U_i‖</c>.
/// </summary>
public static class OptimalSampling
{
    /// <summary>
    /// The capped solution: sort u ascending; let l be the largest index with
    /// <c>0 &lt; m + l − N ≤ (Σ_{j≤l} u_(j))/u_(l)</c>; then <c>p_(j) = (m+l−N)·u_(j)/Σ_{k≤l} u_(k)</c> for j ≤ l and
    /// <c>p_(j) = 1</c> for j &gt; l. (FedLab's <c>OptimalSampler</c> uses <c>j ≤ l</c> for the capped part too, an
    /// off-by-one that gives p &gt; 1; this does not.)
    /// </summary>
    /// <param name="norms">u_i ≥ 0, finite.</param>
    /// <param name="expectedCount">m in (0, N].</param>
    /// <param name="probabilities">Receives p_i (same length as norms); Σ p_i = m.</param>
    public static void Probabilities(ReadOnlySpan<double> norms, double expectedCount, Span<double> probabilities)
    {
        int n = norms.Length;
        if (n == 0 || probabilities.Length != n)
        {
            throw new ArgumentException($"norms must be non-empty and probabilities of the same length (got {n} and {probabilities.Length}).");
        }

        if (!double.IsFinite(expectedCount) || expectedCount <= 0 || expectedCount > n)
        {
            throw new ArgumentOutOfRangeException(nameof(expectedCount), expectedCount, $"The expected count m must lie in (0, N = {n}].");
        }

        var order = new int[n];
        var sorted = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(norms[i]) || norms[i] < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(norms), norms[i], $"norms[{i}] must be finite and ≥ 0.");
            }

            order[i] = i;
            sorted[i] = norms[i];
        }

        Array.Sort(sorted, order);
        double prefix = 0;
        int l = 0;
        double lSum = 0;
        for (int j = 1; j <= n; j++)
        {
            prefix += sorted[j - 1];
            double mass = expectedCount + j - n;
            if (mass <= 0)
            {
                continue;
            }

            double ratio = sorted[j - 1] > 0 ? prefix / sorted[j - 1] : double.PositiveInfinity;
            if (mass <= ratio * (1 + 1e-12))
            {
                l = j;
                lSum = prefix;
            }
        }

        double lMass = expectedCount + l - n;
        for (int j = 0; j < n; j++)
        {
            double p = j >= l ? 1.0 : (lSum > 0 ? lMass * sorted[j] / lSum : lMass / l);
            probabilities[order[j]] = Math.Min(1.0, p);
        }
    }

    /// <summary>
    /// The variance of the independent-participation estimator <c>Σ_{i∈S} U_i/p_i</c> of <c>Σ_i U_i</c>:
    /// <c>Σ_i (1−p_i)/p_i·u_i²</c> (+∞ when some p_i = 0 with u_i &gt; 0).
    /// </summary>
    /// <param name="norms">u_i.</param>
    /// <param name="probabilities">p_i.</param>
    /// <returns>The variance.</returns>
    public static double Variance(ReadOnlySpan<double> norms, ReadOnlySpan<double> probabilities)
    {
        if (norms.Length != probabilities.Length)
        {
            throw new ArgumentException("norms and probabilities must have the same length.");
        }

        double v = 0;
        for (int i = 0; i < norms.Length; i++)
        {
            if (norms[i] == 0)
            {
                continue;
            }

            v += probabilities[i] > 0 ? (1 - probabilities[i]) / probabilities[i] * norms[i] * norms[i] : double.PositiveInfinity;
        }

        return v;
    }
}
