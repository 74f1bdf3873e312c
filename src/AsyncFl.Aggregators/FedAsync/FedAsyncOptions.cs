namespace AsyncFl.Aggregators;

/// <summary>Options of the FedAsync aggregator (Xie et al. 2019; spec §2).</summary>
public sealed class FedAsyncOptions : AggregatorOptions
{
    /// <summary>The mixing hyper-parameter α in [0, 1] (the paper used 0.4–0.9).</summary>
    /// <value>The default value is 0.6.</value>
    public double Alpha { get; set; } = 0.6;

    /// <summary>The staleness function <c>s</c> in <c>α_t = α·s(τ)</c>.</summary>
    /// <value>The default value is polynomial with a = 0.5 (robust in the paper).</value>
    public IStalenessFunction Staleness { get; set; } = StalenessFunctions.Polynomial(0.5);

    /// <summary>Reject updates with staleness above this bound (<see cref="RejectionReason.TooStale"/>); null: no bound.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public long? MaxStaleness { get; set; }

    /// <summary>
    /// The mixing weight <c>α_t = clamp(α·s(τ)·w, 0, 1)</c> these options give an update with staleness τ and extra
    /// weight w (<see cref="SubmitOptions.Weight"/>): the aggregator mixes <c>x ← (1 − α_t)·x + α_t·x_new</c>.
    /// </summary>
    /// <param name="staleness">τ ≥ 0.</param>
    /// <param name="weight">The extra weight w ≥ 0 (finite).</param>
    /// <returns>α_t in [0, 1].</returns>
    /// <exception cref="ArgumentOutOfRangeException">τ &lt; 0, or w negative or not finite.</exception>
    /// <exception cref="ArgumentException">The options are invalid (see <see cref="AggregatorOptions.Validate"/>).</exception>
    public double MixingWeight(long staleness, double weight = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(staleness);
        if (!double.IsFinite(weight) || weight < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "The weight must be finite and ≥ 0.");
        }

        Validate();
        return MixingWeight(Alpha, Staleness, staleness, weight);
    }

    /// <summary>The one definition of α_t, shared with the aggregator (which holds copies of α and s).</summary>
    internal static double MixingWeight(double alpha, IStalenessFunction staleness, long tau, double weight) =>
        Math.Clamp(alpha * staleness.Weight(tau) * weight, 0.0, 1.0);

    /// <inheritdoc />
    protected override void AddErrors(List<string> errors)
    {
        base.AddErrors(errors);
        if (!double.IsFinite(Alpha) || Alpha < 0 || Alpha > 1)
        {
            errors.Add($"{nameof(Alpha)} must lie in [0, 1] (was {Format(Alpha)}).");
        }

        if (Staleness is null)
        {
            errors.Add($"{nameof(Staleness)} must not be null.");
        }

        if (MaxStaleness is < 0)
        {
            errors.Add($"{nameof(MaxStaleness)} must be ≥ 0 or null (was {MaxStaleness}).");
        }
    }

    /// <inheritdoc />
    public override IAggregator CreateAggregator(GlobalModel model)
    {
        Validate();
        return new FedAsyncAggregator(model, Clone());
    }

    internal FedAsyncOptions Clone() => (FedAsyncOptions)MemberwiseClone();
}
