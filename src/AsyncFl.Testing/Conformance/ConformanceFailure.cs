namespace AsyncFl.Testing;

/// <summary>One property of the conformance suite that failed, with its counterexample as FsCheck shrank it.</summary>
/// <param name="Property">The property's name.</param>
/// <param name="Counterexample">The shrunk counterexample (an <see cref="AggregatorScript"/>, a <see cref="Scenario"/>
/// or a <see cref="ManualStep"/> array), or null when the property threw before a case was generated.</param>
/// <param name="Original">The counterexample as first generated, before shrinking.</param>
/// <param name="Shrinks">How many shrinking steps FsCheck took.</param>
/// <param name="Message">What did not hold on the shrunk counterexample.</param>
/// <param name="Replay">The seed that replays the run (<c>Seed</c> of the options).</param>
public sealed record ConformanceFailure(string Property, object? Counterexample, object? Original, int Shrinks, string Message, string Replay)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Property} failed after {Shrinks} shrink(s): {Message}{Environment.NewLine}  counterexample: {Describe(Counterexample)}{Environment.NewLine}  (replay: {Replay})";

    private static string Describe(object? value) => value switch
    {
        null => "none",
        string s => s,
        System.Collections.IEnumerable items => "[" + string.Join("; ", items.Cast<object?>()) + "]",
        _ => value.ToString() ?? "",
    };
}
