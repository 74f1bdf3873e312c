using AsyncFl.Backends;

namespace AsyncFl.Aggregators;

/// <summary>
/// Server-side (asynchronous, optionally buffered) SGD, the aggregator of the ASGD family of schedulers
/// (naive / delay-adaptive ASGD and Ringmaster with <see cref="SgdAggregatorOptions.BufferSize"/> = 1, Rennala with
/// a buffer of S, Shadowheart and MindFlayer flushing with their own normaliser).
/// </summary>
/// <remarks>
/// <para>Payloads: <see cref="UpdatePayloadKind.Gradient"/> and <see cref="UpdatePayloadKind.PseudoGradient"/> are a
/// gradient <c>g</c>; a <see cref="UpdatePayloadKind.ModelDelta"/> is read as <c>g = −Δ</c>;
/// <see cref="UpdatePayloadKind.Weights"/> is rejected (<see cref="RejectionReason.UnsupportedKind"/>).</para>
/// <para>Submit: <c>acc += (γᵢ·wᵢ)·g</c> with <c>γᵢ</c> = <see cref="SubmitOptions.LearningRate"/> when finite, else
/// <see cref="SgdAggregatorOptions.LearningRate"/>, and <c>wᵢ</c> = <see cref="SubmitOptions.Weight"/>. When the
/// buffer holds <see cref="SgdAggregatorOptions.BufferSize"/> updates: <c>x ← x − acc / Z</c> with <c>Z</c> the
/// count, <c>Σ wᵢ</c> or 1 (<see cref="SgdAggregatorOptions.Normalization"/>), the version is bumped and the buffer
/// cleared. With a buffer of 1 the step is applied directly (<c>x ← x − γ·w·g / Z</c>, one pass, no accumulator).</para>
/// <para><see cref="IAggregator.Flush"/> divides by <see cref="FlushOptions.Normalizer"/> when it is a finite number,
/// else by the configured normaliser; an empty buffer or a zero normaliser takes no step and keeps the version.</para>
/// </remarks>
internal sealed class SgdAggregator : AggregatorBase
{
    private readonly SgdAggregatorOptions _options;
    private readonly ParameterVector? _accumulator;
    private int _count;
    private double _weightSum;
    private double _accumulatorBound;

    /// <summary>Creates the aggregator.</summary>
    /// <param name="model">The model to write.</param>
    /// <param name="options">The options (copied and validated).</param>
    public SgdAggregator(GlobalModel model, SgdAggregatorOptions options)
        : base(model, Checked(options))
    {
        _options = options.Clone();
        if (_options.BufferSize > 1)
        {
            _accumulator = Backend.Allocate(Dimension);
        }
    }

    /// <inheritdoc />
    public override string Name => "SGD";

    /// <inheritdoc />
    public override int PendingCount => Volatile.Read(ref _count);

    /// <inheritdoc />
    protected override bool SupportsKind(UpdatePayloadKind kind) => kind is UpdatePayloadKind.Gradient or UpdatePayloadKind.PseudoGradient or UpdatePayloadKind.ModelDelta;

    /// <inheritdoc />
    protected override AcceptResult Accept(ClientUpdate update, in SubmitOptions options, long staleness)
    {
        double lr = double.IsNaN(options.LearningRate) ? _options.LearningRate : options.LearningRate;
        double w = options.Weight;
        double coefficient = lr * w;

        // +Δ direction: a gradient moves the model by −g; a model delta (= −g) by +Δ.
        float sign = DeltaSign(update.Kind);
        if (_accumulator is null)
        {
            double z = _options.Normalization switch
            {
                SgdNormalization.WeightSum => w,
                _ => 1.0,
            };
            if (z == 0)
            {
                // Zero weight sum: no step, version unchanged (spec §4.3); the update is accepted with weight 0.
                return new AcceptResult(false, 0);
            }

            float c = (float)(sign * coefficient / z);
            double bound = ModelBound + (Math.Abs(c) * PayloadMagnitude);
            if (!float.IsFinite(c) || !Guard.TryApply(Model.Parameters, ref bound, (Backend, update.Payload, c), AddScaled))
            {
                return AcceptResult.Refused(RejectionReason.NonFiniteResult);
            }

            ModelBound = bound;
            CompleteStep();
            return new AcceptResult(true, coefficient);
        }

        // The accumulator holds Σ γᵢwᵢ·gᵢ (gradient convention); a model delta Δ = −g enters negated.
        float ca = (float)(-sign * coefficient);
        double accBound = (_count == 0 ? 0 : _accumulatorBound) + (Math.Abs(ca) * PayloadMagnitude);
        bool accumulated = float.IsFinite(ca) && (_count == 0
            ? Guard.TryApply(_accumulator, ref accBound, (Backend, update.Payload, ca), static (acc, s) =>
            {
                s.Backend.Copy(s.Payload, acc);
                if (s.ca != 1f)
                {
                    s.Backend.Scale(acc, s.ca);
                }
            })
            : Guard.TryApply(_accumulator, ref accBound, (Backend, update.Payload, ca), AddScaled));
        if (!accumulated)
        {
            return AcceptResult.Refused(RejectionReason.NonFiniteResult);
        }

        _accumulatorBound = accBound;
        _weightSum += w;
        Volatile.Write(ref _count, _count + 1);
        if (_count < _options.BufferSize)
        {
            return new AcceptResult(false, coefficient);
        }

        int buffered = _count;
        return ApplyBuffer(double.NaN) switch
        {
            FlushResult.Stepped => new AcceptResult(true, coefficient),
            FlushResult.Refused => DropBuffer(buffered - 1),
            _ => new AcceptResult(false, coefficient),
        };
    }

    /// <inheritdoc />
    protected override FlushResult FlushCore(double normalizer)
    {
        if (_count == 0)
        {
            return FlushResult.Nothing;
        }

        int buffered = _count;
        var result = ApplyBuffer(normalizer);
        if (result == FlushResult.Refused)
        {
            CountDroppedFromBuffer(buffered);
        }

        return result;
    }

    private AcceptResult DropBuffer(int earlierUpdates)
    {
        CountDroppedFromBuffer(earlierUpdates);
        return AcceptResult.Refused(RejectionReason.NonFiniteResult);
    }

    private static readonly Action<ParameterVector, (IParameterBackend Backend, ParameterVector Y, float C)> AddScaled =
        static (x, s) => s.Backend.AddScaled(x, s.Y, s.C);

    private FlushResult ApplyBuffer(double normalizer)
    {
        double z = double.IsNaN(normalizer)
            ? _options.Normalization switch
            {
                SgdNormalization.Count => _count,
                SgdNormalization.WeightSum => _weightSum,
                _ => 1.0,
            }
            : normalizer;
        var result = FlushResult.Nothing;
        if (z > 0)
        {
            float c = (float)(-1.0 / z);
            double bound = ModelBound + (Math.Abs(c) * _accumulatorBound);
            if (float.IsFinite(c) && Guard.TryApply(Model.Parameters, ref bound, (Backend, _accumulator!, c), AddScaled))
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
        _accumulatorBound = 0;
        Volatile.Write(ref _count, 0);
        return result;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _accumulator?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static SgdAggregatorOptions Checked(SgdAggregatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }
}
