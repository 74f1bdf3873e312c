namespace AsyncFl.Testing;

/// <summary>The outcome of a conformance run: the properties checked and the ones that failed.</summary>
/// <param name="Subject">What was checked (the aggregator's or scheduler's name).</param>
/// <param name="Properties">Names of every property checked.</param>
/// <param name="Failures">The failed properties with their shrunk counterexamples.</param>
public sealed record ConformanceReport(string Subject, IReadOnlyList<string> Properties, IReadOnlyList<ConformanceFailure> Failures)
{
    /// <summary>Whether every property held.</summary>
    public bool Passed => Failures.Count == 0;

    /// <summary>Throws <see cref="InvariantViolationException"/> with the whole report when a property failed.</summary>
    /// <exception cref="InvariantViolationException">A property failed.</exception>
    public void ThrowIfFailed()
    {
        if (!Passed)
        {
            throw new InvariantViolationException(ToString());
        }
    }

    /// <inheritdoc />
    public override string ToString() => Passed
        ? $"{Subject}: all {Properties.Count} conformance properties hold"
        : $"{Subject}: {Failures.Count} of {Properties.Count} conformance properties failed{Environment.NewLine}"
            + string.Join(Environment.NewLine, Failures);
}
