using AsyncFl.Backends;

namespace AsyncFl.Aggregators;

/// <summary>
/// The engine behind FedBuff, version-aware aggregation and the seed paper's AFL aggregation: base-relative deltas
/// weighted by <c>ωᵢ = s(τᵢ)·e(nᵢ)·wᵢ</c> (<c>wᵢ</c> = <see cref="SubmitOptions.Weight"/>) are accumulated,
/// <c>acc += ωᵢ·Δᵢ</c>, until K updates; then <c>ḡ = acc / Z</c> (<c>Z</c> = count or <c>Σ ωᵢ</c>) is applied
/// through the server optimiser, the version is bumped and the buffer cleared.
/// </summary>
/// <remarks>
/// <para>A <see cref="UpdatePayloadKind.PseudoGradient"/> <c>g</c> enters as <c>Δ = −g</c>. When snapshots are
/// retained, a <see cref="UpdatePayloadKind.Weights"/> payload <c>w</c> becomes <c>Δ = w − x_base</c> against the
/// snapshot of its own base version, and optional DC-ASGD compensation replaces <c>Δ</c> by
/// <c>Δ − λ·Δ⊙Δ⊙(x_now − x_base)</c>. An update that needs a snapshot older than the window is rejected with
/// <see cref="RejectionReason.OutsideRetainedWindow"/>, never applied against the wrong base.</para>
/// <para>A buffer whose weights sum to 0 (or a flush normaliser of 0) takes no step and keeps the version.</para>
/// </remarks>
public abstract class BufferedDeltaAggregator : AggregatorBase
{
    private readonly int _bufferSize;
    private readonly IStalenessFunction _staleness;
    private readonly ExampleWeighting _exampleWeighting;
    private readonly BufferNormalization _normalization;
    private readonly bool _onePerClient;
    private readonly long _maxStaleness;
    private readonly double _lambda;
    private readonly IServerOptimizer _optimizer;
    private readonly ParameterVector _accumulator;
    private readonly ParameterVector? _scratch;
    private readonly ParameterVector[] _snapshots;
    private readonly int[] _clients;
    private readonly ParameterVector[] _firstInput = new ParameterVector[1];
    private readonly float[] _firstWeight = new float[1];
    private readonly long _firstRetained;
    private int _count;
    private double _weightSum;
    private double _accumulatorBound;
    private double _snapshotBound;

    /// <summary>Initialises the buffer, the server optimiser and the snapshot ring from <paramref name="options"/>.</summary>
    /// <param name="model">The model to write.</param>
    /// <param name="options">The options (validated by the caller, e.g. with <see cref="AggregatorOptions.Validate"/>).</param>
    protected BufferedDeltaAggregator(GlobalModel model, BufferedAggregatorOptions options)
        : base(model, options)
    {
        _bufferSize = options.BufferSize;
        _staleness = options.Staleness;
        _exampleWeighting = options.ExampleWeighting;
        _normalization = options.Normalization;
        _onePerClient = options.OnePerClientPerBuffer;
        _maxStaleness = options.MaxStaleness ?? long.MaxValue;
        _lambda = options.DelayCompensationSetting;
        _optimizer = options.ServerOptimizer.Create(Backend, Dimension);
        _accumulator = Backend.Allocate(Dimension);
        _clients = new int[_bufferSize];
        int retained = options.RetainedVersionsSetting;
        _snapshots = new ParameterVector[retained];
        for (int i = 0; i < retained; i++)
        {
            _snapshots[i] = Backend.Allocate(Dimension);
        }

        if (retained > 0)
        {
            _scratch = Backend.Allocate(Dimension);
            _firstRetained = model.Version.Value;
            Backend.Copy(model.Parameters, SnapshotOf(_firstRetained));
            _snapshotBound = ModelBound;
        }
    }

    /// <inheritdoc />
    public override int PendingCount => Volatile.Read(ref _count);

    /// <summary>Number of model snapshots kept (0: none; deltas only).</summary>
    public int RetainedVersions => _snapshots.Length;

    /// <summary>The server optimiser.</summary>
    public string ServerOptimizerName => _optimizer.Name;

    /// <inheritdoc />
    protected override bool SupportsKind(UpdatePayloadKind kind) =>
        kind is UpdatePayloadKind.ModelDelta or UpdatePayloadKind.PseudoGradient
        || (kind == UpdatePayloadKind.Weights && _snapshots.Length > 0);

    /// <inheritdoc />
    protected override RejectionReason ValidateLocked(ClientUpdate update, in SubmitOptions options, long staleness)
    {
        if (staleness > _maxStaleness)
        {
            return RejectionReason.TooStale;
        }

        if (NeedsSnapshot(update.Kind) && !IsRetained(update.BaseVersion.Value, staleness))
        {
            return RejectionReason.OutsideRetainedWindow;
        }

        if (_onePerClient && _clients.AsSpan(0, _count).Contains(update.ClientId))
        {
            return RejectionReason.ClientAlreadyInBuffer;
        }

        return RejectionReason.None;
    }

    /// <inheritdoc />
    protected override AcceptResult Accept(ClientUpdate update, in SubmitOptions options, long staleness)
    {
        double omega = _staleness.Weight(staleness) * ExampleWeights.Of(_exampleWeighting, update.SampleCount) * options.Weight;
        ParameterVector source = update.Payload;
        float sign = DeltaSign(update.Kind);
        bool needsSnapshot = NeedsSnapshot(update.Kind);
        bool compensate = needsSnapshot && _lambda > 0 && staleness > 0;

        // Bounds first: nothing outside this aggregator's scratch is written unless it is certainly finite.
        double sourceBound = PayloadMagnitude;
        if (needsSnapshot && update.Kind == UpdatePayloadKind.Weights)
        {
            sourceBound += _snapshotBound; // Δ = w − x_base
        }

        if (compensate)
        {
            // Δ − λ·Δ⊙Δ⊙(x_now − x_base)
            sourceBound += _lambda * sourceBound * sourceBound * (ModelBound + _snapshotBound);
        }

        if (needsSnapshot)
        {
            ParameterVector baseModel = SnapshotOf(update.BaseVersion.Value);
            Backend.Copy(source, _scratch!);
            if (update.Kind == UpdatePayloadKind.Weights)
            {
                Backend.AddScaled(_scratch!, baseModel, -1f);
                sign = 1f;
            }
            else if (sign < 0)
            {
                Backend.Scale(_scratch!, -1f);
                sign = 1f;
            }

            if (compensate)
            {
                Backend.DelayCompensate(_scratch!, Model.Parameters, baseModel, (float)_lambda);
            }

            source = _scratch!;
            if (!FiniteGuard.IsSafe(sourceBound))
            {
                // Huge values: measure what the compensation (or the difference) gave instead of bounding it.
                sourceBound = Backend.MaxMagnitude(source);
                if (!FiniteGuard.IsFiniteFloat(sourceBound))
                {
                    return AcceptResult.Refused(RejectionReason.NonFiniteResult);
                }
            }
        }

        float c = (float)(sign * omega);
        double accumulatorBound = (_count == 0 ? 0 : _accumulatorBound) + (Math.Abs(c) * sourceBound);
        if (!float.IsFinite(c) || !Guard.TryApply(_accumulator, ref accumulatorBound, (this, source, c), Accumulate))
        {
            return AcceptResult.Refused(RejectionReason.NonFiniteResult);
        }

        _accumulatorBound = accumulatorBound;
        _clients[_count] = update.ClientId;
        _weightSum += omega;
        Volatile.Write(ref _count, _count + 1);
        if (_count < _bufferSize)
        {
            return new AcceptResult(false, omega);
        }

        int buffered = _count;
        switch (ApplyBuffer(double.NaN))
        {
            case FlushResult.Stepped:
                return new AcceptResult(true, omega);
            case FlushResult.Refused:
                CountDroppedFromBuffer(buffered - 1);
                return AcceptResult.Refused(RejectionReason.NonFiniteResult);
            default:
                return new AcceptResult(false, omega);
        }
    }

    // The first update of a buffer overwrites the accumulator in one pass: a plain copy for c = 1, else the one-input
    // weighted sum acc = fma(c, Δ, 0) (a scaled copy; not Copy + Scale, which is two passes); the others add to it.
    private static readonly Action<ParameterVector, (BufferedDeltaAggregator Self, ParameterVector Source, float C)> Accumulate =
        static (acc, s) => s.Self.AccumulateInto(acc, s.Source, s.C);

    private void AccumulateInto(ParameterVector acc, ParameterVector source, float c)
    {
        if (_count > 0)
        {
            Backend.AddScaled(acc, source, c);
        }
        else if (c == 1f)
        {
            Backend.Copy(source, acc);
        }
        else
        {
            _firstInput[0] = source;
            _firstWeight[0] = c;
            Backend.WeightedSum(_firstInput, _firstWeight, acc);
            _firstInput[0] = null!;
        }
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

    /// <inheritdoc />
    protected override void OnVersionBumped(ModelVersion version)
    {
        if (_snapshots.Length > 0)
        {
            Backend.Copy(Model.Parameters, SnapshotOf(version.Value));
            _snapshotBound = Math.Max(_snapshotBound, ModelBound);
        }
    }

    private bool NeedsSnapshot(UpdatePayloadKind kind) =>
        _snapshots.Length > 0 && (kind == UpdatePayloadKind.Weights || _lambda > 0);

    private bool IsRetained(long baseVersion, long staleness) =>
        baseVersion >= _firstRetained && staleness < _snapshots.Length;

    private ParameterVector SnapshotOf(long version) => _snapshots[(int)(version % _snapshots.Length)];

    private FlushResult ApplyBuffer(double normalizer)
    {
        double z = double.IsNaN(normalizer)
            ? (_normalization == BufferNormalization.Count ? _count : _weightSum)
            : normalizer;
        var result = FlushResult.Nothing;
        if (z > 0 && _weightSum != 0)
        {
            // ḡ = acc / Z: the optimiser folds 1/Z into its own step scalar where it can (server SGD: one pass
            // x += (η/Z)·acc), instead of a separate pass that scales the accumulator first.
            double bound = ModelBound;
            if (ServerStep.TryApply(_optimizer, Backend, Guard, Model.Parameters, _accumulator, 1.0 / z, _accumulatorBound, ref bound))
            {
                ModelBound = bound;
                CompleteStep();
                result = FlushResult.Stepped;
            }
            else
            {
                ModelBound = bound;
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
            _optimizer.Dispose();
            _accumulator.Dispose();
            _scratch?.Dispose();
            foreach (var s in _snapshots)
            {
                s.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private protected static T Checked<T>(T options)
        where T : AggregatorOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }
}
