using AsyncFl.Backends;

namespace AsyncFl.Engine;

/// <summary>A reference-counted copy of the global model at one version, shared by the tasks dispatched at it.</summary>
internal sealed class Snapshot(ParameterVector vector)
{
    public ParameterVector Vector { get; } = vector;

    public long Version { get; set; } = -1;

    public int References { get; set; }
}
