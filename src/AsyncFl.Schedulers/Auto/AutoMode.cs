using AsyncFl.Schedulers.Theory;

namespace AsyncFl.Schedulers;

/// <summary>
/// "training_mode = auto": pick synchronous rounds or asynchronous Ringmaster from a fleet profile. Per-task time
/// <c>τ_i = compute_i + communication_i</c>; predicted times from the fixed-computation model (spec schedulers.md
/// §0.2): <c>T_MB = τ_max(1 + S/n)</c> and <c>T_opt = min_m (Σ_{i≤m}1/τ_i)^{-1}(m + S)</c>. The rule: asynchronous
/// when <c>dropout ≥ DropoutThreshold</c> or <c>T_MB/T_opt ≥ SpeedupThreshold</c>; synchronous otherwise (an
/// homogeneous, reliable fleet gains nothing from asynchrony and a synchronous round has no staleness).
/// </summary>
public static class AutoMode
{
    /// <summary>Applies the rule.</summary>
    /// <param name="profile">The fleet.</param>
    /// <param name="options">The thresholds (defaults when null).</param>
    /// <returns>The decision.</returns>
    public static AutoModeDecision Decide(FleetProfile profile, AutoModeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        options ??= new AutoModeOptions();
        options.Validate();
        var e = new OptionErrors(nameof(FleetProfile));
        e.PositiveTimes(profile.ComputeSeconds, nameof(profile.ComputeSeconds));
        if (profile.CommunicationSeconds is not null)
        {
            e.PositiveTimes(profile.CommunicationSeconds, nameof(profile.CommunicationSeconds), allowZero: true);
            e.Require(profile.ComputeSeconds is null || profile.ComputeSeconds.Count == profile.CommunicationSeconds.Count,
                $"{nameof(profile.ComputeSeconds)} and {nameof(profile.CommunicationSeconds)} must have the same length.");
        }

        e.Require(double.IsFinite(profile.DropoutRate) && profile.DropoutRate is >= 0 and <= 1, $"{nameof(profile.DropoutRate)} must lie in [0, 1] (got {OptionErrors.Format(profile.DropoutRate)}).");
        e.ThrowIfAny();
        var tau = new double[profile.ComputeSeconds!.Count];
        for (int i = 0; i < tau.Length; i++)
        {
            tau[i] = profile.ComputeSeconds[i] + (profile.CommunicationSeconds?[i] ?? 0);
        }

        double sync = TimeComplexity.Minibatch(tau, options.NoiseBatch);
        var (opt, m) = TimeComplexity.Optimal(tau, options.NoiseBatch);
        int r = Math.Max(1, (int)Math.Min(int.MaxValue, Math.Ceiling(options.NoiseBatch)));
        double speedup = sync / opt;
        string s = speedup.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        if (profile.DropoutRate >= options.DropoutThreshold)
        {
            return new AutoModeDecision(TrainingMode.Asynchronous, sync, opt, m, r,
                $"dropout rate {OptionErrors.Format(profile.DropoutRate)} ≥ {OptionErrors.Format(options.DropoutThreshold)}: synchronous rounds would stall on dropped clients (predicted speed-up {s}×).");
        }

        return speedup >= options.SpeedupThreshold
            ? new AutoModeDecision(TrainingMode.Asynchronous, sync, opt, m, r, $"predicted speed-up T_MB/T_opt = {s}× ≥ {OptionErrors.Format(options.SpeedupThreshold)}: the fleet is heterogeneous.")
            : new AutoModeDecision(TrainingMode.Synchronous, sync, opt, m, r, $"predicted speed-up T_MB/T_opt = {s}× < {OptionErrors.Format(options.SpeedupThreshold)} and few dropouts: synchronous rounds lose little and have no staleness.");
    }

    /// <summary>The scheduler for a decision: minibatch SGD rounds over all clients (<see cref="CohortSqueeze.MinibatchSgd"/>),
    /// or Ringmaster (variant B, R from the decision).</summary>
    /// <param name="decision">The decision.</param>
    /// <returns>The scheduler.</returns>
    public static IScheduler CreateScheduler(AutoModeDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Mode == TrainingMode.Synchronous
            ? new SynchronousRoundsScheduler(CohortSqueeze.MinibatchSgd())
            : new AsynchronousScheduler(Ringmaster.Options(decision.DelayThreshold, RingmasterVariant.CancelAndRestart));
    }
}
