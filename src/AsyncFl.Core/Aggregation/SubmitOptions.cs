namespace AsyncFl;

/// <summary>Per-update scalars that a scheduler passes to an aggregator.</summary>
public readonly record struct SubmitOptions
{
    /// <summary>Creates options with weight 1 and no learning-rate override.</summary>
    public SubmitOptions()
    {
    }

    /// <summary>Extra multiplicative weight on the update (e.g. Shadowheart's <c>w_i</c>, an importance weight); finite, ≥ 0.</summary>
    public double Weight { get; init; } = 1.0;

    /// <summary>
    /// Server learning rate for this update when the aggregator uses one (gradient steps, delay-adaptive rules);
    /// <see cref="double.NaN"/> means "the aggregator's own".
    /// </summary>
    public double LearningRate { get; init; } = double.NaN;

    /// <summary>Options with weight 1 and the aggregator's own learning rate.</summary>
    public static SubmitOptions Default => new();
}
