namespace AsyncFl.Sampling;

/// <summary>Fairness floors on sampling probabilities (spec aggregation.md §6.4).</summary>
public static class ProbabilityFloor
{
    /// <summary>
    /// ε-mixing with the uniform distribution: <c>p_i ← (1−η)·p_i + η·(Σ_j p_j)/N</c>. Keeps the sum (m for inclusion
    /// probabilities, 1 for a distribution) and guarantees every client at least <c>η·Σp/N</c>.
    /// </summary>
    /// <param name="probabilities">The probabilities, changed in place.</param>
    /// <param name="eta">η in [0, 1] (FedLab's bandit sampler uses 0.4).</param>
    public static void MixWithUniform(Span<double> probabilities, double eta)
    {
        if (!double.IsFinite(eta) || eta < 0 || eta > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(eta), eta, "η must lie in [0, 1].");
        }

        if (probabilities.IsEmpty)
        {
            return;
        }

        double sum = 0;
        foreach (double p in probabilities)
        {
            sum += p;
        }

        double uniform = sum / probabilities.Length;
        for (int i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = ((1 - eta) * probabilities[i]) + (eta * uniform);
        }
    }
}
