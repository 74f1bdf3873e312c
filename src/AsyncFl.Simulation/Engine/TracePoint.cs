namespace AsyncFl.Simulation;

/// <summary>A point of a run's trace.</summary>
/// <param name="Time">Simulated seconds.</param>
/// <param name="Version">The model version.</param>
/// <param name="Events">Events processed so far.</param>
/// <param name="Server">The server (read its model to compute a metric; do not change it).</param>
public readonly record struct TracePoint(double Time, ModelVersion Version, long Events, FederatedServer Server);
