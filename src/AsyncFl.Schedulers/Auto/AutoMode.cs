using AsyncFl.Schedulers.Theory;

namespace AsyncFl.Schedulers;

/// <summary>The training mode chosen by <see cref="AutoMode.Decide"/>.</summary>
public enum TrainingMode
{
    /// <summary>Synchronous rounds over all clients (minibatch SGD / FedAvg).</summary>
    Synchronous = 0,

    /// <summary>An asynchronous scheduler (Ringmaster ASGD, variant B).</summary>
    Asynchronous = 1,
}

/// <summary>A profile of a fleet, measured or assumed, for <see cref="AutoMode.Decide"/>.</summary>
public sealed class FleetProfile
{
    /// <summary>Mean compute seconds per task of each client.</summary>
    /// <value>The default value is <see langword="null"/> (required).</value>
    public IReadOnlyList<double>? ComputeSeconds { get; set; }

    /// <summary>Mean communication seconds per task (download + upload) of each client; null for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyList<double>? CommunicationSeconds { get; set; }

    /// <summary>The fraction of tasks that fail (dropouts, clients going offline), in [0, 1].</summary>
    /// <value>The default value is 0.</value>
    public double DropoutRate { get; set; }
}

/// <summary>Options of the automatic-mode rule.</summary>
public sealed class AutoModeOptions
{
    /// <summary>S = σ²/ε, the noise batch (also Ringmaster's R when asynchronous).</summary>
    /// <value>The default value is 1.</value>
    public double NoiseBatch { get; set; } = 1;

    /// <summary>Go asynchronous when the predicted speed-up <c>T_MB/T_opt</c> is at least this.</summary>
    /// <value>The default value is 1.5.</value>
    public double SpeedupThreshold { get; set; } = 1.5;

    /// <summary>Go asynchronous when the dropout rate is at least this (a synchronous round waits for, or loses, every dropped client).</summary>
    /// <value>The default value is 0.05.</value>
    public double DropoutThreshold { get; set; } = 0.05;

    internal void Validate()
    {
        var e = new OptionErrors(nameof(AutoModeOptions));
        e.Require(double.IsFinite(NoiseBatch) && NoiseBatch > 0, $"{nameof(NoiseBatch)} must be finite and > 0 (got {OptionErrors.Format(NoiseBatch)}).");
        e.Require(double.IsFinite(SpeedupThreshold) && SpeedupThreshold >= 1, $"{nameof(SpeedupThreshold)} must be finite and ≥ 1 (got {OptionErrors.Format(SpeedupThreshold)}).");
        e.Require(double.IsFinite(DropoutThreshold) && DropoutThreshold is >= 0 and <= 1, $"{nameof(DropoutThreshold)} must lie in [0, 1] (got {OptionErrors.Format(DropoutThreshold)}).");
        e.ThrowIfAny();
    }
}

/// <summary>What <see cref="AutoMode.Decide"/> chose and why.</summary>
/// <param name="Mode">The mode.</param>
/// <param name="SynchronousTime">Predicted <c>T_MB</c> (units of LΔ/ε): wait for all n clients each step.</param>
/// <param name="AsynchronousTime">Predicted <c>T_opt</c>: what Ringmaster/Rennala attain.</param>
/// <param name="OptimalWorkers">m*, the number of fastest clients worth using.</param>
/// <param name="DelayThreshold">R = max{1, ⌈S⌉} for Ringmaster.</param>
/// <param name="Reason">A one-line explanation.</param>
public sealed record AutoModeDecision(TrainingMode Mode, double SynchronousTime, double AsynchronousTime, int OptimalWorkers, int DelayThreshold, string Reason)
{
    /// <summary><c>T_MB/T_opt</c> ≥ 1.</summary>
    public double PredictedSpeedup => SynchronousTime / AsynchronousTime;
}

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
