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
public sealed class FedAvgAggregator : AggregatorBase
{
    private readonly FedAvgOptions _options;
    private readonly ParameterVector _average;
    private int _count;
    private double _weightSum;
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
        if (_count == 0)
        {
            _roundKind = update.Kind;
        }

        if (w > 0)
        {
            _weightSum += w;
            if (_weightSum == w)
            {
                Backend.Copy(update.Payload, _average);
            }
            else
            {
                Backend.Mix(_average, update.Payload, (float)(w / _weightSum));
            }
        }

        Volatile.Write(ref _count, _count + 1);
        if (_options.ExpectedRoundSize > 0 && _count >= _options.ExpectedRoundSize)
        {
            return new AcceptResult(ApplyRound(), w);
        }

        return new AcceptResult(false, w);
    }

    /// <inheritdoc />
    protected override bool FlushCore(double normalizer) => _count > 0 && ApplyRound();

    private bool ApplyRound()
    {
        bool step = _weightSum > 0;
        if (step)
        {
            float eta = (float)_options.ServerLearningRate;
            switch (_roundKind)
            {
                case UpdatePayloadKind.Weights:
                    Backend.Mix(Model.Parameters, _average, eta);
                    break;
                case UpdatePayloadKind.ModelDelta:
                    Backend.AddScaled(Model.Parameters, _average, eta);
                    break;
                default:
                    Backend.AddScaled(Model.Parameters, _average, -eta);
                    break;
            }

            CompleteStep();
        }

        _weightSum = 0;
        Volatile.Write(ref _count, 0);
        return step;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _average.Dispose();
        }
    }

    private static FedAvgOptions Checked(FedAvgOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }
}
