namespace AsyncFl.Schedulers.Theory;

/// <summary>
/// Wall-clock time complexities of the fixed computation model (spec schedulers.md §0.2, table §2.5), in units of
/// <c>LΔ/ε</c> (pass <c>iterations = LΔ/ε</c> to scale), with <c>S = σ²/ε</c>.
/// </summary>
public static class TimeComplexity
{
    /// <summary>
    /// <c>T_opt = (LΔ/ε)·min_m (Σ_{i≤m} 1/τ_i)^{-1}(m + S)</c> and its minimiser <c>m*</c>, the number of fastest
    /// workers worth using (Rennala, Ringmaster, naive optimal ASGD).
    /// </summary>
    /// <param name="tau">Seconds per gradient of each worker.</param>
    /// <param name="s">The noise batch <c>σ²/ε</c> (&gt; 0).</param>
    /// <param name="iterations"><c>LΔ/ε</c> (default 1).</param>
    /// <returns>The time and m*.</returns>
    public static (double Time, int OptimalWorkers) Optimal(ReadOnlySpan<double> tau, double s, double iterations = 1.0)
    {
        var (t, m) = CollectionTime.Bound(tau, s);
        return (iterations * t, m);
    }

    /// <summary><c>T_ASGD = (LΔ/ε)·(Σ_{i≤n} 1/τ_i)^{-1}(n + S)</c>: vanilla ASGD on all n workers.</summary>
    /// <param name="tau">Seconds per gradient of each worker.</param>
    /// <param name="s">The noise batch <c>σ²/ε</c>.</param>
    /// <param name="iterations"><c>LΔ/ε</c>.</param>
    /// <returns>The time.</returns>
    public static double Asgd(ReadOnlySpan<double> tau, double s, double iterations = 1.0)
    {
        double[] sorted = CollectionTime.SortedCopy(tau);
        double h = 0;
        foreach (double t in sorted)
        {
            h += 1.0 / t;
        }

        return iterations * (sorted.Length + s) / h;
    }

    /// <summary><c>T_MB = (LΔ/ε)·τ_n·(1 + S/n)</c>: minibatch SGD that waits for all n workers.</summary>
    /// <param name="tau">Seconds per gradient of each worker.</param>
    /// <param name="s">The noise batch <c>σ²/ε</c>.</param>
    /// <param name="iterations"><c>LΔ/ε</c>.</param>
    /// <returns>The time.</returns>
    public static double Minibatch(ReadOnlySpan<double> tau, double s, double iterations = 1.0)
    {
        double[] sorted = CollectionTime.SortedCopy(tau);
        return iterations * sorted[^1] * (1 + s / sorted.Length);
    }

    /// <summary>The noise batch <c>S = max{1, ⌈σ²/ε⌉}</c> (Rennala's batch, Ringmaster's delay threshold R).</summary>
    /// <param name="sigmaSquared">Gradient-noise variance σ² (≥ 0).</param>
    /// <param name="epsilon">Target accuracy ε (&gt; 0).</param>
    /// <returns>S.</returns>
    public static int NoiseBatch(double sigmaSquared, double epsilon)
    {
        if (!double.IsFinite(sigmaSquared) || sigmaSquared < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sigmaSquared), sigmaSquared, "σ² must be finite and ≥ 0.");
        }

        if (!double.IsFinite(epsilon) || epsilon <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "ε must be finite and > 0.");
        }

        double r = Math.Ceiling(sigmaSquared / epsilon);
        return r >= int.MaxValue ? int.MaxValue : Math.Max(1, (int)r);
    }

    /// <summary>Ringmaster's step size <c>γ = min{1/(2RL), ε/(4Lσ²)}</c> [recall] (spec §3.4).</summary>
    /// <param name="delayThreshold">R.</param>
    /// <param name="smoothness">L.</param>
    /// <param name="sigmaSquared">σ².</param>
    /// <param name="epsilon">ε.</param>
    /// <returns>γ.</returns>
    public static double RingmasterStepSize(int delayThreshold, double smoothness, double sigmaSquared, double epsilon) =>
        Math.Min(1.0 / (2.0 * delayThreshold * smoothness), sigmaSquared > 0 ? epsilon / (4 * smoothness * sigmaSquared) : double.PositiveInfinity);

    /// <summary>Rennala's step size <c>γ = min{1/L, εS/(4Lσ²)}</c> [recall] (spec §2.2).</summary>
    /// <param name="batch">S.</param>
    /// <param name="smoothness">L.</param>
    /// <param name="sigmaSquared">σ².</param>
    /// <param name="epsilon">ε.</param>
    /// <returns>γ.</returns>
    public static double RennalaStepSize(int batch, double smoothness, double sigmaSquared, double epsilon) =>
        Math.Min(1.0 / smoothness, sigmaSquared > 0 ? epsilon * batch / (4 * smoothness * sigmaSquared) : double.PositiveInfinity);

    /// <summary>Naive optimal ASGD's step size <c>γ = min{1/(2m*L), ε/(4Lσ²)}</c> [recall] (spec §1.3).</summary>
    /// <param name="workers">m*.</param>
    /// <param name="smoothness">L.</param>
    /// <param name="sigmaSquared">σ².</param>
    /// <param name="epsilon">ε.</param>
    /// <returns>γ.</returns>
    public static double NaiveOptimalAsgdStepSize(int workers, double smoothness, double sigmaSquared, double epsilon) =>
        RingmasterStepSize(workers, smoothness, sigmaSquared, epsilon);
}
