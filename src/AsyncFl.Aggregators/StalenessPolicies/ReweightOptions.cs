namespace AsyncFl.Aggregators;

/// <summary>Options of the reweight policy.</summary>
public sealed class ReweightOptions
{
    /// <summary>The staleness weight <c>s(τ)</c>.</summary>
    /// <value>The default value is <c>1/√(1 + τ)</c>.</value>
    public IStalenessFunction Staleness { get; set; } = StalenessFunctions.InverseSqrt();

    /// <summary>The example-count weight <c>e(n)</c>.</summary>
    /// <value>The default value is <see cref="ExampleWeighting.Equal"/>.</value>
    public ExampleWeighting ExampleWeighting { get; set; } = ExampleWeighting.Equal;

    /// <summary>Throws one exception listing every invalid option.</summary>
    /// <summary>Wraps <paramref name="inner"/> in the reweight policy (validated and copied; the policy owns the inner aggregator).</summary>
    /// <param name="inner">The aggregator the reweighted updates go to.</param>
    /// <returns>The policy.</returns>
    public IAggregator Wrap(IAggregator inner)
    {
        Validate();
        return new ReweightAggregator(inner, new ReweightOptions { Staleness = Staleness, ExampleWeighting = ExampleWeighting });
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every invalid option.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (Staleness is null)
        {
            errors.Add($"{nameof(Staleness)} must not be null.");
        }

        if (!Enum.IsDefined(ExampleWeighting))
        {
            errors.Add($"{nameof(ExampleWeighting)} is not defined (was {(int)ExampleWeighting}).");
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid {nameof(ReweightOptions)}: " + string.Join(" ", errors));
        }
    }
}
