using FsCheck;
using FsCheck.Fluent;

namespace AsyncFl.Testing;

/// <summary>
/// The verdict of one invariant checker: whether it held and, when not, what was seen. Usable three ways: as a
/// plain assertion (<see cref="Assert"/>), as an FsCheck property (<see cref="ToProperty"/>, labelled so that a
/// failing property names the invariant), or as a value to combine (<see cref="And"/>, <see cref="All"/>).
/// </summary>
/// <param name="Invariant">The invariant's name (e.g. "exactly-once task accounting").</param>
/// <param name="Holds">Whether it held.</param>
/// <param name="Detail">What was seen when it did not hold (empty when it held).</param>
public sealed record InvariantResult(string Invariant, bool Holds, string Detail)
{
    /// <summary>A verdict that holds.</summary>
    /// <param name="invariant">The invariant's name.</param>
    /// <returns>The verdict.</returns>
    public static InvariantResult Pass(string invariant) => new(invariant, true, "");

    /// <summary>A verdict that does not hold.</summary>
    /// <param name="invariant">The invariant's name.</param>
    /// <param name="detail">What was seen.</param>
    /// <returns>The verdict.</returns>
    public static InvariantResult Fail(string invariant, string detail) => new(invariant, false, detail);

    /// <summary>Holds when every verdict holds; otherwise lists the ones that did not.</summary>
    /// <param name="results">The verdicts.</param>
    /// <returns>The combined verdict.</returns>
    public static InvariantResult All(params IEnumerable<InvariantResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results.ToList();
        var failed = list.Where(r => !r.Holds).ToList();
        string name = string.Join(" & ", list.Select(r => r.Invariant));
        return failed.Count == 0
            ? Pass(name)
            : Fail(name, string.Join("; ", failed.Select(r => r.Invariant + ": " + r.Detail)));
    }

    /// <summary>Both verdicts.</summary>
    /// <param name="other">The other verdict.</param>
    /// <returns>The combined verdict.</returns>
    public InvariantResult And(InvariantResult other) => All(this, other);

    /// <summary>Throws <see cref="InvariantViolationException"/> when the invariant did not hold.</summary>
    /// <exception cref="InvariantViolationException">The invariant did not hold.</exception>
    public void Assert()
    {
        if (!Holds)
        {
            throw new InvariantViolationException(ToString());
        }
    }

    /// <summary>The verdict as an FsCheck property labelled with the invariant and what was seen.</summary>
    /// <returns>The property.</returns>
    public Property ToProperty() => Prop.Label(Holds, Holds ? Invariant : ToString());

    /// <inheritdoc />
    public override string ToString() => Holds ? Invariant + ": holds" : Invariant + " violated: " + Detail;
}
