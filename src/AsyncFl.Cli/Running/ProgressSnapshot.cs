namespace AsyncFl.Cli.Running;

/// <summary>A live snapshot for the progress display.</summary>
/// <param name="StrategyIndex">Which strategy is running.</param>
/// <param name="Point">The latest trace row.</param>
/// <param name="Fraction">Progress in [0, 1] towards the stopping rule.</param>
internal readonly record struct ProgressSnapshot(int StrategyIndex, TracePoint Point, double Fraction);
