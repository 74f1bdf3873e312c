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

    private protected BufferedDeltaAggregator(GlobalModel model, BufferedAggregatorOptions options)
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
        if (NeedsSnapshot(update.Kind))
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

            if (_lambda > 0 && staleness > 0)
            {
                Backend.DelayCompensate(_scratch!, Model.Parameters, baseModel, (float)_lambda);
            }

            source = _scratch!;
        }

        float c = (float)(sign * omega);
        if (_count == 0)
        {
            // The first update of a buffer overwrites the accumulator in one pass: a plain copy for c = 1, else the
            // one-input weighted sum acc = fma(c, Δ, 0) (a scaled copy; not Copy + Scale, which is two passes).
            if (c == 1f)
            {
                Backend.Copy(source, _accumulator);
            }
            else
            {
                _firstInput[0] = source;
                _firstWeight[0] = c;
                Backend.WeightedSum(_firstInput, _firstWeight, _accumulator);
                _firstInput[0] = null!;
            }
        }
        else
        {
            Backend.AddScaled(_accumulator, source, c);
        }

        _clients[_count] = update.ClientId;
        _weightSum += omega;
        Volatile.Write(ref _count, _count + 1);
        if (_count < _bufferSize)
        {
            return new AcceptResult(false, omega);
        }

        return new AcceptResult(ApplyBuffer(double.NaN), omega);
    }

    /// <inheritdoc />
    protected override bool FlushCore(double normalizer) => _count > 0 && ApplyBuffer(normalizer);

    /// <inheritdoc />
    protected override void OnVersionBumped(ModelVersion version)
    {
        if (_snapshots.Length > 0)
        {
            Backend.Copy(Model.Parameters, SnapshotOf(version.Value));
        }
    }

    private bool NeedsSnapshot(UpdatePayloadKind kind) =>
        _snapshots.Length > 0 && (kind == UpdatePayloadKind.Weights || _lambda > 0);

    private bool IsRetained(long baseVersion, long staleness) =>
        baseVersion >= _firstRetained && staleness < _snapshots.Length;

    private ParameterVector SnapshotOf(long version) => _snapshots[(int)(version % _snapshots.Length)];

    private bool ApplyBuffer(double normalizer)
    {
        double z = double.IsNaN(normalizer)
            ? (_normalization == BufferNormalization.Count ? _count : _weightSum)
            : normalizer;
        bool step = z > 0 && _weightSum != 0;
        if (step)
        {
            // ḡ = acc / Z: the optimiser folds 1/Z into its own step scalar where it can (server SGD: one pass
            // x += (η/Z)·acc), instead of a separate pass that scales the accumulator first.
            if (_optimizer is IScaledDeltaServerOptimizer scaled)
            {
                scaled.Step(Model.Parameters, _accumulator, 1.0 / z);
            }
            else
            {
                Backend.Scale(_accumulator, (float)(1.0 / z));
                _optimizer.Step(Model.Parameters, _accumulator);
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
            _optimizer.Dispose();
            _accumulator.Dispose();
            _scratch?.Dispose();
            foreach (var s in _snapshots)
            {
                s.Dispose();
            }
        }
    }

    private protected static T Checked<T>(T options)
        where T : AggregatorOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }
}
