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
public sealed class SgdAggregator : AggregatorBase
{
    private readonly SgdAggregatorOptions _options;
    private readonly ParameterVector? _accumulator;
    private int _count;
    private double _weightSum;

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

            Backend.AddScaled(Model.Parameters, update.Payload, (float)(sign * coefficient / z));
            CompleteStep();
            return new AcceptResult(true, coefficient);
        }

        // The accumulator holds Σ γᵢwᵢ·gᵢ (gradient convention); a model delta Δ = −g enters negated.
        float c = (float)(-sign * coefficient);
        if (_count == 0)
        {
            Backend.Copy(update.Payload, _accumulator);
            if (c != 1f)
            {
                Backend.Scale(_accumulator, c);
            }
        }
        else
        {
            Backend.AddScaled(_accumulator, update.Payload, c);
        }

        _weightSum += w;
        Volatile.Write(ref _count, _count + 1);
        if (_count < _options.BufferSize)
        {
            return new AcceptResult(false, coefficient);
        }

        bool stepped = ApplyBuffer(double.NaN);
        return new AcceptResult(stepped, coefficient);
    }

    /// <inheritdoc />
    protected override bool FlushCore(double normalizer) => _count > 0 && ApplyBuffer(normalizer);

    private bool ApplyBuffer(double normalizer)
    {
        double z = double.IsNaN(normalizer)
            ? _options.Normalization switch
            {
                SgdNormalization.Count => _count,
                SgdNormalization.WeightSum => _weightSum,
                _ => 1.0,
            }
            : normalizer;
        bool step = z > 0;
        if (step)
        {
            Backend.AddScaled(Model.Parameters, _accumulator!, (float)(-1.0 / z));
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
            _accumulator?.Dispose();
        }
    }

    private static SgdAggregatorOptions Checked(SgdAggregatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }
}
