using System.Globalization;

namespace AsyncFl.Schedulers;

/// <summary>Collects option-validation errors so that all of them are reported at once.</summary>
internal sealed class OptionErrors(string owner)
{
    private readonly List<string> _errors = [];

    public void Require(bool condition, string message)
    {
        if (!condition)
        {
            _errors.Add(message);
        }
    }

    public void AtLeastOne(int value, string name) => Require(value >= 1, $"{name} must be ≥ 1 (got {value}).");

    public void Defined<TEnum>(TEnum value, string name)
        where TEnum : struct, Enum =>
        Require(Enum.IsDefined(value), $"{name} {value} is not defined.");

    public void LearningRate(double value, string name, bool allowNaN = true)
    {
        if (double.IsNaN(value) && allowNaN)
        {
            return;
        }

        Require(double.IsFinite(value) && value > 0, $"{name} must be finite and > 0{(allowNaN ? " (or NaN for the aggregator's own)" : string.Empty)} (got {Format(value)}).");
    }

    public void PositiveTimes(IReadOnlyList<double>? values, string name, bool allowZero = false, bool allowInfinity = false)
    {
        if (values is null)
        {
            _errors.Add($"{name} is required.");
            return;
        }

        for (int i = 0; i < values.Count; i++)
        {
            double v = values[i];
            bool ok = !double.IsNaN(v) && (allowInfinity || double.IsFinite(v)) && (allowZero ? v >= 0 : v > 0);
            Require(ok, $"{name}[{i}] must be {(allowInfinity ? string.Empty : "finite and ")}{(allowZero ? "≥ 0" : "> 0")} (got {Format(v)}).");
        }
    }

    public void Clients(IReadOnlyList<int>? clients, string name)
    {
        if (clients is null)
        {
            return;
        }

        Require(clients.Count > 0, $"{name} must not be empty (use null for all clients).");
        var seen = new HashSet<int>();
        foreach (int c in clients)
        {
            Require(c >= 0, $"{name} contains a negative client id {c}.");
            Require(seen.Add(c), $"{name} contains client {c} twice.");
        }
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ArgumentException($"Invalid {owner}: " + string.Join(" ", _errors));
        }
    }

    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
