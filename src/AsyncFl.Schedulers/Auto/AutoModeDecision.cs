namespace AsyncFl.Schedulers;

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
