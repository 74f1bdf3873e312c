namespace AsyncFl.Schedulers;

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
