namespace AsyncFl.Cli.Running;

/// <summary>One row of the trace (one row of metrics.csv).</summary>
/// <param name="SimulatedSeconds">Time on the run's clock.</param>
/// <param name="Version">Model version (server steps so far).</param>
/// <param name="Loss">Loss (f(x) − f* for synthetic objectives).</param>
/// <param name="Accuracy">Test accuracy, or NaN when the problem has none.</param>
/// <param name="Applied">Updates applied so far.</param>
/// <param name="Buffered">Updates accepted into a buffer so far.</param>
/// <param name="Rejected">Updates rejected or discarded so far.</param>
/// <param name="Dropped">Tasks dropped (client failures) or timed out so far.</param>
/// <param name="StalenessMean">Mean staleness of the results that arrived since the previous row (NaN if none).</param>
/// <param name="StalenessMax">Largest staleness of the results that arrived since the previous row (0 if none).</param>
internal readonly record struct TracePoint(
    double SimulatedSeconds,
    long Version,
    double Loss,
    double Accuracy,
    long Applied,
    long Buffered,
    long Rejected,
    long Dropped,
    double StalenessMean,
    long StalenessMax);
