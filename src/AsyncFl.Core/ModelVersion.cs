namespace AsyncFl;

/// <summary>
/// The version of the global model: a monotone counter that the server increments once per change of the
/// model (one applied update, one flushed buffer, one synchronous round).
/// </summary>
/// <remarks>Stored as a <see cref="long"/> so that it never wraps in practice.</remarks>
/// <param name="Value">The counter, starting at 0 for the initial model.</param>
public readonly record struct ModelVersion(long Value) : IComparable<ModelVersion>
{
    /// <summary>The version of the initial model.</summary>
    public static ModelVersion Initial => default;

    /// <summary>The next version.</summary>
    public ModelVersion Next() => new(Value + 1);

    /// <summary>
    /// Staleness of an update computed from <paramref name="baseVersion"/> when the server is at this version:
    /// <c>this − baseVersion</c>, counted in server versions. Negative when the base claims a future version.
    /// </summary>
    /// <param name="baseVersion">The version the client started from.</param>
    public long StalenessOf(ModelVersion baseVersion) => Value - baseVersion.Value;

    /// <inheritdoc />
    public int CompareTo(ModelVersion other) => Value.CompareTo(other.Value);

    /// <summary>Compares two versions.</summary>
    public static bool operator <(ModelVersion left, ModelVersion right) => left.Value < right.Value;
    /// <summary>Compares two versions.</summary>
    public static bool operator >(ModelVersion left, ModelVersion right) => left.Value > right.Value;
    /// <summary>Compares two versions.</summary>
    public static bool operator <=(ModelVersion left, ModelVersion right) => left.Value <= right.Value;
    /// <summary>Compares two versions.</summary>
    public static bool operator >=(ModelVersion left, ModelVersion right) => left.Value >= right.Value;

    /// <summary>Wraps a raw counter.</summary>
    public static implicit operator ModelVersion(long value) => new(value);

    /// <inheritdoc />
    public override string ToString() => "v" + Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
