namespace AsyncFl.Engine;

/// <summary>The outcome of a run under either clock.</summary>
/// <param name="Reason">Why it stopped.</param>
/// <param name="ElapsedSeconds">Clock seconds at the stop.</param>
/// <param name="Events">Events processed (results, drops, timers, availability changes, releases).</param>
/// <param name="Version">The model version at the stop.</param>
/// <param name="Statistics">The training statistics after the stop, on every clock: every task has ended (the ones in
/// flight at the stop as <see cref="TaskEndReason.Abandoned"/>), so <see cref="Metrics.TrainingStatistics.TasksInFlight"/>
/// is 0.</param>
public sealed record RunResult(StopReason Reason, double ElapsedSeconds, long Events, ModelVersion Version, Metrics.TrainingStatistics Statistics);
