namespace AsyncFl.Schedulers.Theory;

/// <summary>The equilibrium time of Shadowheart SGD and the per-worker plan derived from it.</summary>
/// <param name="Time">t*.</param>
/// <param name="Prefix">The number j of workers (in the order sorted by <c>max(h_i, τ_i)</c>) attaining t*.</param>
public readonly record struct EquilibriumTime(double Time, int Prefix);
