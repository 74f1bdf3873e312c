using AsyncFl.Backends;

namespace AsyncFl;

/// <summary>
/// The server's global model <c>x</c> and its version <c>k</c>. One writer at a time changes it (an aggregator
/// serialises its own writes); <see cref="Version"/> only grows.
/// </summary>
public sealed class GlobalModel : IDisposable
{
    private long _version;

    /// <summary>Creates a global model owning <paramref name="parameters"/>.</summary>
    /// <param name="parameters">The initial parameters (the model takes ownership and disposes them).</param>
    /// <param name="initialVersion">The starting version (0 unless resuming).</param>
    public GlobalModel(ParameterVector parameters, ModelVersion initialVersion = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegative(initialVersion.Value, nameof(initialVersion));
        Parameters = parameters;
        _version = initialVersion.Value;
    }

    /// <summary>Creates a global model on <paramref name="backend"/> holding a copy of <paramref name="initial"/>.</summary>
    /// <param name="backend">The parameter backend.</param>
    /// <param name="initial">The initial parameters.</param>
    /// <exception cref="ArgumentException">An initial value is NaN or infinite.</exception>
    public static GlobalModel Create(IParameterBackend backend, ReadOnlySpan<float> initial)
    {
        ArgumentNullException.ThrowIfNull(backend);
        for (int i = 0; i < initial.Length; i++)
        {
            if (!float.IsFinite(initial[i]))
            {
                throw new ArgumentException($"The initial model must be finite: element {i} is {initial[i]}.", nameof(initial));
            }
        }

        var p = backend.Allocate(initial.Length);
        p.CopyFrom(initial);
        return new GlobalModel(p);
    }

    /// <summary>The parameter vector (read it only while no writer runs, or under the aggregator's lock).</summary>
    public ParameterVector Parameters { get; }

    /// <summary>The backend of <see cref="Parameters"/>.</summary>
    public IParameterBackend Backend => Parameters.Backend;

    /// <summary>Number of parameters.</summary>
    public int Dimension => Parameters.Length;

    /// <summary>The current version (read atomically).</summary>
    public ModelVersion Version => new(Volatile.Read(ref _version));

    /// <summary>Increments the version; called by the single writer after it changed <see cref="Parameters"/>.</summary>
    /// <returns>The new version.</returns>
    public ModelVersion BumpVersion() => new(Interlocked.Increment(ref _version));

    /// <inheritdoc />
    public void Dispose() => Parameters.Dispose();
}
