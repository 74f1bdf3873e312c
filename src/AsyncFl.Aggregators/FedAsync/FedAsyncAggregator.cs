namespace AsyncFl.Aggregators;

/// <summary>
/// FedAsync (Xie, Koyejo, Gupta, arXiv:1903.03934; spec §2.1): on each arriving model <c>x_new</c> with staleness τ,
/// <c>x ← (1 − α_t)·x + α_t·x_new</c> with <c>α_t = clamp(α·s(τ)·w, 0, 1)</c> (<c>w</c> =
/// <see cref="SubmitOptions.Weight"/>, 1 by default), one pass over memory, then the version is bumped.
/// </summary>
/// <remarks>Only <see cref="UpdatePayloadKind.Weights"/> is accepted: mixing toward <c>x_base + Δ</c> would need the
/// base snapshot (use <see cref="VersionAwareAggregator"/> with K = 1 for deltas), and mixing toward <c>x_now + Δ</c>
/// is not FedAsync. Other kinds get <see cref="RejectionReason.UnsupportedKind"/>. An effective α of 0 takes no step
/// (the update is accepted with weight 0 and reported as buffered; nothing is pending).</remarks>
internal sealed class FedAsyncAggregator : AggregatorBase
{
    private readonly double _alpha;
    private readonly IStalenessFunction _staleness;
    private readonly long _maxStaleness;

    /// <summary>Creates the aggregator.</summary>
    /// <param name="model">The model to write.</param>
    /// <param name="options">The options (validated; values copied).</param>
    public FedAsyncAggregator(GlobalModel model, FedAsyncOptions options)
        : base(model, Checked(options))
    {
        _alpha = options.Alpha;
        _staleness = options.Staleness;
        _maxStaleness = options.MaxStaleness ?? long.MaxValue;
    }

    /// <inheritdoc />
    public override string Name => "FedAsync";

    /// <summary>The mixing weight <c>α_t</c> an update with staleness τ and weight w gets.</summary>
    /// <param name="staleness">τ ≥ 0.</param>
    /// <param name="weight">The extra weight w ≥ 0.</param>
    public double MixingWeight(long staleness, double weight = 1.0) => FedAsyncOptions.MixingWeight(_alpha, _staleness, staleness, weight);

    /// <inheritdoc />
    protected override bool SupportsKind(UpdatePayloadKind kind) => kind == UpdatePayloadKind.Weights;

    /// <inheritdoc />
    protected override RejectionReason ValidateLocked(ClientUpdate update, in SubmitOptions options, long staleness) =>
        staleness > _maxStaleness ? RejectionReason.TooStale : RejectionReason.None;

    /// <inheritdoc />
    protected override AcceptResult Accept(ClientUpdate update, in SubmitOptions options, long staleness)
    {
        double a = MixingWeight(staleness, options.Weight);
        if (a == 0)
        {
            return new AcceptResult(false, 0);
        }

        // A convex combination of two finite models is finite: near float.MaxValue the guard mixes in a form that cannot
        // overflow (the one-pass lerp's y − x could), and refuses only a sub-ulp rounding to ∞.
        double bound = ModelBound;
        if (!Guard.TryMix(Model.Parameters, ref bound, update.Payload, PayloadMagnitude, a))
        {
            return AcceptResult.Refused(RejectionReason.NonFiniteResult);
        }

        ModelBound = bound;
        CompleteStep();
        return new AcceptResult(true, a);
    }

    private static FedAsyncOptions Checked(FedAsyncOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }
}
