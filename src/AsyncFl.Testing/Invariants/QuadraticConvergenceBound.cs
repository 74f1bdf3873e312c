using System.Globalization;

namespace AsyncFl.Testing;

/// <summary>
/// A proved convergence bound for FedAsync-style mixing on a <see cref="QuadraticWorkload"/> under bounded staleness:
/// after T applied updates, <c>f(x_T) − f* ≤ ρ^(2⌊T/(D+1)⌋) · (f(x₀) − f*)</c> with <c>ρ = 1 − α_min·(1 − q)</c>.
/// </summary>
/// <remarks>
/// <para>Setting (Xie, Koyejo, Gupta, "Asynchronous Federated Optimization", arXiv:1903.03934, §3: the server mixes
/// <c>x_t = (1 − α_t)·x_{t−1} + α_t·x_new</c>, the worker ran H local steps from a version at most D behind):
/// on <c>f(x) = ½ Σ a_j x_j²</c> with exact local gradient descent at step γ, coordinate j of the worker's model is
/// <c>c_j·x_{τ,j}</c> with <c>|c_j| = |1 − γ a_j|^H ≤ q &lt; 1</c>. With <c>M_t = max_{t−D ≤ k ≤ t} |x_{k,j}|</c>,
/// <c>|x_{t,j}| ≤ (1 − α_t)·|x_{t−1,j}| + α_t·q·M_{t−1} ≤ ρ·M_{t−1}</c> for every <c>α_t ∈ [α_min, 1]</c>, so M never
/// grows and shrinks by ρ every D + 1 updates; squaring and summing over j with weights a_j/2 gives the bound. It holds
/// for every arrival order and every fleet; rejected updates do not move the model and are not counted in T.</para>
/// <para>The bound is tight enough to fail when the mixing rule is wrong (a weight above 1 or a mix toward a stale
/// delta breaks the contraction) and loose enough to hold whatever the scheduler does within the staleness bound.</para>
/// </remarks>
public sealed class QuadraticConvergenceBound
{
    /// <summary>Creates the bound from its constants.</summary>
    /// <param name="contraction">q ∈ [0, 1): the worst per-coordinate contraction of one task's local work.</param>
    /// <param name="minimumMixing">α_min ∈ (0, 1]: the smallest mixing weight of an applied update.</param>
    /// <param name="maxStaleness">D ≥ 0: the largest staleness of an applied update.</param>
    public QuadraticConvergenceBound(double contraction, double minimumMixing, long maxStaleness)
    {
        if (!(contraction >= 0 && contraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(contraction), contraction, "q must lie in [0, 1).");
        }

        if (!(minimumMixing > 0 && minimumMixing <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumMixing), minimumMixing, "α_min must lie in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxStaleness);
        Contraction = contraction;
        MinimumMixing = minimumMixing;
        MaxStaleness = maxStaleness;
        Rate = 1 - (minimumMixing * (1 - contraction));
    }

    /// <summary>q.</summary>
    public double Contraction { get; }

    /// <summary>α_min.</summary>
    public double MinimumMixing { get; }

    /// <summary>D.</summary>
    public long MaxStaleness { get; }

    /// <summary>ρ = 1 − α_min·(1 − q), the contraction per D + 1 updates of the largest coordinate.</summary>
    public double Rate { get; }

    /// <summary>
    /// The bound for FedAsync (mixing weight <c>α·s(τ)</c>, clamped to 1) on <paramref name="workload"/> whose clients
    /// run <paramref name="localSteps"/> steps at the workload's <see cref="QuadraticWorkload.LocalLearningRate"/>.
    /// </summary>
    /// <param name="workload">The problem (payload kind <see cref="UpdatePayloadKind.Weights"/>, no gradient noise).</param>
    /// <param name="localSteps">H ≥ 1.</param>
    /// <param name="mixingWeight">α ∈ (0, 1].</param>
    /// <param name="staleness">s, the staleness function (null: constant 1).</param>
    /// <param name="maxStaleness">D.</param>
    /// <returns>The bound.</returns>
    public static QuadraticConvergenceBound ForFedAsync(QuadraticWorkload workload, int localSteps, double mixingWeight, IStalenessFunction? staleness, long maxStaleness)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentOutOfRangeException.ThrowIfLessThan(localSteps, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxStaleness);
        if (workload.GradientNoise != 0)
        {
            throw new ArgumentException("The bound is for exact local gradients (GradientNoise = 0).", nameof(workload));
        }

        double q = 0;
        for (int j = 0; j < workload.Dimension; j++)
        {
            q = Math.Max(q, Math.Pow(Math.Abs(1 - (workload.LocalLearningRate * workload.Curvature(j))), localSteps));
        }

        double minWeight = 1;
        if (staleness is not null)
        {
            for (long d = 0; d <= Math.Min(maxStaleness, 1_000_000); d++)
            {
                minWeight = Math.Min(minWeight, staleness.Weight(d));
            }
        }

        return new QuadraticConvergenceBound(q, Math.Min(1, mixingWeight * minWeight), maxStaleness);
    }

    /// <summary>ρ^(2⌊T/(D+1)⌋): the factor on the initial gap after <paramref name="updates"/> applied updates.</summary>
    /// <param name="updates">T ≥ 0.</param>
    /// <returns>The factor, in (0, 1].</returns>
    public double Factor(long updates)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(updates);
        return Math.Pow(Rate, 2.0 * (updates / (MaxStaleness + 1)));
    }

    /// <summary>The bound in words, for messages.</summary>
    /// <param name="updates">T.</param>
    /// <returns>A short formula with its numbers.</returns>
    public string Describe(long updates) => string.Create(
        CultureInfo.InvariantCulture,
        $"ρ^(2⌊T/(D+1)⌋)·(f₀ − f*) with ρ = {Rate:G4}, T = {updates}, D = {MaxStaleness}");
}
