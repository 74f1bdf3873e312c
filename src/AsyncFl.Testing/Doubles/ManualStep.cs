using System.Globalization;

namespace AsyncFl.Testing;

/// <summary>
/// One step of a generated interleaving on a <see cref="ManualRunner"/>. Indices are taken modulo what exists when
/// the step runs (running tasks for <see cref="ManualStepKind.Deliver"/> and <see cref="ManualStepKind.Drop"/>, clients
/// for the availability steps), so that every sequence is valid and shrinking a sequence keeps it valid.
/// </summary>
/// <param name="Kind">What the step does.</param>
/// <param name="Index">Which running task (oldest first) or which client.</param>
/// <param name="Seconds">How far <see cref="ManualStepKind.Advance"/> moves the clock (≥ 0); ignored otherwise.</param>
public readonly record struct ManualStep(ManualStepKind Kind, int Index, double Seconds = 0)
{
    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ManualStepKind.Advance => "advance " + Seconds.ToString("0.###", CultureInfo.InvariantCulture) + " s",
        ManualStepKind.GoOffline or ManualStepKind.GoOnline => $"{Kind} client #{Index}",
        _ => $"{Kind} task #{Index}",
    };
}
