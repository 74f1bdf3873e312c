using AsyncFl.Backends;

namespace AsyncFl.Aggregators;

/// <summary>
/// Synchronous FedAvg: the sample-count-weighted average of a round's models (<see cref="UpdatePayloadKind.Weights"/>,
/// <c>x ← Σ nᵢwᵢ / Σ nᵢ</c>) or deltas (<c>x ← x + Σ nᵢΔᵢ / Σ nᵢ</c>; a pseudo-gradient enters as <c>−g</c>), applied
/// when <see cref="FedAvgOptions.ExpectedRoundSize"/> updates arrived or on <see cref="IAggregator.Flush"/>.
/// </summary>
/// <remarks>The average is kept as a running weighted mean (<c>avg ← avg + (nᵢ/Sᵢ)(wᵢ − avg)</c>, one pass per
/// update), so FedAvg of identical models is exactly the identity. The first update of a round fixes its payload
/// kind; another kind in the same round is rejected (<see cref="RejectionReason.UnsupportedKind"/>). The flush
/// normaliser is ignored (the mean is normalised by <c>Σ nᵢ</c> by definition).
/// <see cref="SubmitOptions.Weight"/> multiplies <c>nᵢ</c>; a round whose weights sum to 0 takes no step.</remarks>
internal sealed class FedAvgAggregator : AggregatorBase
{
    private readonly FedAvgOptions _options;
    private readonly ParameterVector _average;
    private int _count;
    private double _weightSum;
    private double _averageBound;
    private UpdatePayloadKind _roundKind;

    /// <summary>Creates the aggregator.</summary>
    /// <param name="model">The model to write.</param>
    /// <param name="options">The options (validated; values copied).</param>
    public FedAvgAggregator(GlobalModel model, FedAvgOptions options)
        : base(model, Checked(options))
    {
        _options = options.Clone();
        _average = Backend.Allocate(Dimension);
    }

    /// <inheritdoc />
    public override string Name => "FedAvg";

    /// <inheritdoc />
    public override int PendingCount => Volatile.Read(ref _count);

    /// <inheritdoc />
    protected override bool SupportsKind(UpdatePayloadKind kind) =>
        kind is UpdatePayloadKind.Weights or UpdatePayloadKind.ModelDelta or UpdatePayloadKind.PseudoGradient;

    /// <inheritdoc />
    protected override RejectionReason ValidateLocked(ClientUpdate update, in SubmitOptions options, long staleness)
    {
        if (_options.RejectStale && staleness > 0)
        {
            return RejectionReason.TooStale;
        }

        return _count > 0 && update.Kind != _roundKind ? RejectionReason.UnsupportedKind : RejectionReason.None;
    }

    /// <inheritdoc />
    protected override AcceptResult Accept(ClientUpdate update, in SubmitOptions options, long staleness)
    {
        double w = update.SampleCount * options.Weight;
        if (w > 0)
        {
            double sum = _weightSum + w;
            if (!double.IsFinite(sum))
            {
                return AcceptResult.Refused(RejectionReason.NonFiniteResult);
            }

            if (sum == w)
            {
                Backend.Copy(update.Payload, _average);
                _averageBound = PayloadMagnitude;
            }
            else if (!Guard.TryMix(_average, ref _averageBound, update.Payload, PayloadMagnitude, w / sum))
            {
                return AcceptResult.Refused(RejectionReason.NonFiniteResult);
            }

            _weightSum = sum;
        }

        if (_count == 0)
        {
            _roundKind = update.Kind;
        }

        Volatile.Write(ref _count, _count + 1);
        if (_options.ExpectedRoundSize > 0 && _count >= _options.ExpectedRoundSize)
        {
            int buffered = _count;
            switch (ApplyRound())
            {
                case FlushResult.Stepped:
                    return new AcceptResult(true, w);
                case FlushResult.Refused:
                    CountDroppedFromBuffer(buffered - 1);
                    return AcceptResult.Refused(RejectionReason.NonFiniteResult);
            }
        }

        return new AcceptResult(false, w);
    }

    /// <inheritdoc />
    protected override FlushResult FlushCore(double normalizer)
    {
        if (_count == 0)
        {
            return FlushResult.Nothing;
        }

        int buffered = _count;
        var result = ApplyRound();
        if (result == FlushResult.Refused)
        {
            CountDroppedFromBuffer(buffered);
        }

        return result;
    }

    private FlushResult ApplyRound()
    {
        var result = FlushResult.Nothing;
        if (_weightSum > 0)
        {
            double eta = _options.ServerLearningRate;
            double bound = ModelBound;
            bool applied;
            if (_roundKind == UpdatePayloadKind.Weights)
            {
                applied = Guard.TryMix(Model.Parameters, ref bound, _average, _averageBound, eta);
            }
            else
            {
                // x ± η·average.
                float c = _roundKind == UpdatePayloadKind.ModelDelta ? (float)eta : (float)-eta;
                bound += eta * _averageBound;
                applied = Guard.TryApply(Model.Parameters, ref bound, (Backend, _average, c), static (x, s) => s.Backend.AddScaled(x, s._average, s.c));
            }

            if (applied)
            {
                ModelBound = bound;
                CompleteStep();
                result = FlushResult.Stepped;
            }
            else
            {
                result = FlushResult.Refused;
            }
        }

        _weightSum = 0;
        Volatile.Write(ref _count, 0);
        return result;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _average.Dispose();
        }

        base.Dispose(disposing);
    }

    private static FedAvgOptions Checked(FedAvgOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }
}
