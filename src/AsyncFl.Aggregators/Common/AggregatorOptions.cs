using System.Globalization;

namespace AsyncFl.Aggregators;

/// <summary>Options every aggregator shares: who may submit and how duplicates are detected.</summary>
public abstract class AggregatorOptions
{
    /// <summary>
    /// Number of known clients: ids must lie in <c>[0, ClientCount)</c>. 0 means "not configured": only negative
    /// ids are rejected (<see cref="RejectionReason.UnknownClient"/>).
    /// </summary>
    /// <value>The default value is 0.</value>
    public int ClientCount { get; set; }

    /// <summary>
    /// How many of the most recently <b>accepted</b> update ids are remembered to reject duplicates
    /// (<see cref="RejectionReason.Duplicate"/>). A duplicate older than this window is not detected. 0 turns
    /// duplicate detection off. Memory is about 32 bytes per remembered id, allocated once.
    /// </summary>
    /// <value>The default value is 16384.</value>
    public int DuplicateWindow { get; set; } = 16384;

    /// <summary>
    /// Creates the aggregator these options describe, writing <paramref name="model"/> (validated and copied: later
    /// changes to the options do not reach it). The <c>AddXxx</c> builder extensions pass it to
    /// <see cref="FederatedServerBuilder.UseAggregator"/>; call it yourself for a custom training loop. Options of your
    /// own aggregator (on <see cref="AggregatorBase"/>) return it here.
    /// </summary>
    /// <param name="model">The model the aggregator writes (not owned by it).</param>
    /// <returns>The aggregator.</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public abstract IAggregator CreateAggregator(GlobalModel model);

    /// <summary>Throws one <see cref="ArgumentException"/> listing every invalid option.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        AddErrors(errors);
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                $"Invalid {GetType().Name}: " + string.Join(" ", errors));
        }
    }

    /// <summary>Adds a message for every invalid option to <paramref name="errors"/>.</summary>
    /// <param name="errors">The list of problems found so far.</param>
    protected virtual void AddErrors(List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (ClientCount < 0)
        {
            errors.Add($"{nameof(ClientCount)} must be ≥ 0 (was {ClientCount}).");
        }

        if (DuplicateWindow < 0)
        {
            errors.Add($"{nameof(DuplicateWindow)} must be ≥ 0 (was {DuplicateWindow}).");
        }
    }

    /// <summary>The checks shared by the buffered aggregators: K ≥ 1, a staleness bound ≥ 0 or none, a valid server optimiser.</summary>
    private protected static void AddBufferErrors(List<string> errors, int bufferSize, long? maxStaleness, ServerOptimizerOptions? serverOptimizer)
    {
        if (bufferSize < 1)
        {
            errors.Add($"BufferSize must be ≥ 1 (was {bufferSize}).");
        }

        if (maxStaleness is < 0)
        {
            errors.Add($"MaxStaleness must be ≥ 0 or null (was {maxStaleness}).");
        }

        if (serverOptimizer is null)
        {
            errors.Add("ServerOptimizer must not be null.");
        }
        else
        {
            serverOptimizer.AddErrors(errors);
        }
    }

    /// <summary>Formats a number for an error message (invariant culture, round-trip).</summary>
    /// <param name="value">The value.</param>
    protected static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Adds an error unless <paramref name="value"/> is finite and ≥ <paramref name="min"/> (&gt; when <paramref name="exclusive"/>).</summary>
    /// <param name="errors">The list.</param>
    /// <param name="name">The option's name.</param>
    /// <param name="value">Its value.</param>
    /// <param name="min">The lower bound.</param>
    /// <param name="exclusive">Whether the bound itself is invalid.</param>
    protected static void RequireFinite(List<string> errors, string name, double value, double min, bool exclusive = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!double.IsFinite(value) || (exclusive ? value <= min : value < min))
        {
            errors.Add($"{name} must be a finite number {(exclusive ? ">" : "≥")} {Format(min)} (was {Format(value)}).");
        }
    }
}
