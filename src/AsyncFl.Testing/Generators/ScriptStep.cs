using System.Globalization;

namespace AsyncFl.Testing;

/// <summary>
/// One step of an <see cref="AggregatorScript"/>: a flush, or the submission of an update from a client, computed from
/// a version <see cref="Staleness"/> behind the current one (clamped at version 0), with the payload
/// <see cref="Values"/>, possibly made hostile.
/// </summary>
/// <param name="IsFlush">A flush instead of a submission.</param>
/// <param name="Client">The client id, ≥ 0.</param>
/// <param name="Staleness">Versions behind the current model, ≥ 0 (clamped so the base version is ≥ 0).</param>
/// <param name="Values">The payload, of the script's dimension.</param>
/// <param name="Samples">The sample count, ≥ 1 (a <see cref="HostileKind.NonPositiveSampleCount"/> step sends 0).</param>
/// <param name="Hostility">How the update is wrong, if it is.</param>
public sealed record ScriptStep(bool IsFlush, int Client, long Staleness, float[] Values, int Samples, HostileKind Hostility = HostileKind.None)
{
    /// <summary>A flush step.</summary>
    public static ScriptStep Flush { get; } = new(true, 0, 0, [], 1);

    /// <inheritdoc />
    public override string ToString()
    {
        if (IsFlush)
        {
            return "flush";
        }

        string values = string.Join(", ", Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        string hostile = Hostility == HostileKind.None ? "" : $" [{Hostility}]";
        return string.Create(CultureInfo.InvariantCulture, $"submit client {Client}, staleness {Staleness}, samples {Samples}, [{values}]{hostile}");
    }
}
