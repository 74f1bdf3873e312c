using AsyncFl.Backends;

namespace AsyncFl.Aggregators;

/// <summary>
/// CA²FL — cache-aided asynchronous FL (Wang, Cao, Wu, Chen &amp; Chen, ICLR 2024): FedBuff whose buffered update is
/// calibrated with the latest update of <b>every</b> client, cached on the server, so that clients that report
/// rarely (stragglers) still count in every step and clients that report often do not pull the model towards
/// their own data.
/// </summary>
/// <remarks>
/// <para>Update rule (<c>+Δ</c> convention; <c>hⁱ</c> the cache, zero until client <i>i</i> first reports;
/// <c>h̄ = (1/N)·Σᵢ hⁱ</c> over all <c>N = ClientCount</c> clients, taken at the start of the buffer):</para>
/// <list type="number">
/// <item>On an update <c>Δⁱ</c> (against its own base version): <c>acc += wᵢ·(Δⁱ − hⁱ)</c>, then <c>hⁱ ← Δⁱ</c>
/// (<c>wᵢ</c> = <see cref="SubmitOptions.Weight"/>, 1 by default).</item>
/// <item>After M updates: <c>vₜ = h̄ + acc / M</c>; the server optimiser applies <c>vₜ</c> (SGD: <c>x ← x + η·vₜ</c>);
/// then <c>h̄ ← (1/N)·Σᵢ hⁱ</c> with the refreshed cache, and the buffer is cleared.</item>
/// </list>
/// <para>With M = N, every client reporting once per buffer and the cache empty, <c>vₜ</c> is FedBuff's mean of
/// the buffer; with a full cache, <c>E[vₜ]</c> is the mean over all clients' latest updates whatever their
/// speeds (a SAGA-style control variate).</para>
/// <para>The cache mean is kept incrementally (<c>h̄ += (1/N)·Σ(Δⁱ − hⁱ)</c> per step, exact in real arithmetic);
/// it is recomputed from the cache every <see cref="ResyncInterval"/> steps so float rounding cannot accumulate.
/// A <see cref="UpdatePayloadKind.PseudoGradient"/> <c>g</c> enters as <c>Δ = −g</c>.</para>
/// <para>With <see cref="Ca2FlOptions.MaxCacheAge"/> set (an extension; the paper never drops an entry), an entry whose
/// base version is more than that many versions behind the model at the end of a step leaves the cache mean
/// (<c>h̄ −= hⁱ/N</c>, <c>hⁱ ← 0</c>).</para>
/// </remarks>
internal sealed class Ca2FlAggregator : AggregatorBase
{
    /// <summary>Server steps between exact recomputations of the cache mean from the cache.</summary>
    public const int ResyncInterval = 256;

    private readonly int _bufferSize;
    private readonly int _clientCount;
    private readonly bool _onePerClient;
    private readonly long _maxStaleness;
    private readonly long _maxCacheAge;
    private readonly IServerOptimizer _optimizer;
    private readonly ParameterVector?[] _cache;
    private readonly bool[] _live;
    private readonly long[] _cacheBase;
    private readonly ParameterVector _cacheMean;
    private ParameterVector _calibration;
    private ParameterVector _cacheChange;
    private ParameterVector? _spareCalibration;
    private ParameterVector? _spareChange;
    private readonly ParameterVector _step;
    private readonly int[] _clients;
    private readonly ParameterVector[] _terms = new ParameterVector[3];
    private readonly float[] _termWeights = new float[3];
    private readonly ParameterVector[] _resyncInputs;
    private readonly float[] _resyncWeights;
    private bool _changeDiffers;
    private double _cacheBound;
    private double _cacheMeanBound;
    private double _calibrationBound;
    private double _changeBound;
    private int _count;
    private int _cachedClients;
    private long _stepsSinceResync;

    /// <summary>Creates the aggregator.</summary>
    /// <param name="model">The model to write.</param>
    /// <param name="options">The options (validated; values copied). <see cref="AggregatorOptions.ClientCount"/> is required.</param>
    public Ca2FlAggregator(GlobalModel model, Ca2FlOptions options)
        : base(model, Validated(options))
    {
        _bufferSize = options.BufferSize;
        _clientCount = options.ClientCount;
        _onePerClient = options.OnePerClientPerBuffer;
        _maxStaleness = options.MaxStaleness ?? long.MaxValue;
        _maxCacheAge = options.MaxCacheAge ?? long.MaxValue;
        _optimizer = options.ServerOptimizer.Create(Backend, Dimension);
        _cache = new ParameterVector?[_clientCount];
        _live = new bool[_clientCount];
        _cacheBase = new long[_clientCount];
        _cacheMean = Backend.Allocate(Dimension);
        _calibration = Backend.Allocate(Dimension);
        _cacheChange = Backend.Allocate(Dimension);
        _step = Backend.Allocate(Dimension);
        _clients = new int[_bufferSize];
        _resyncInputs = new ParameterVector[_clientCount];
        _resyncWeights = new float[_clientCount];
    }

    /// <inheritdoc />
    public override string Name => "CA2FL";

    /// <inheritdoc />
    public override int PendingCount => Volatile.Read(ref _count);

    /// <summary>Number of clients with an entry in the cache mean (reported at least once, and not expired by
    /// <see cref="Ca2FlOptions.MaxCacheAge"/>).</summary>
    public int CachedClients => Volatile.Read(ref _cachedClients);

    /// <summary>The server optimiser.</summary>
    public string ServerOptimizerName => _optimizer.Name;

    /// <summary>
    /// Copies the cache mean <c>h̄</c> as of the last server step into <paramref name="destination"/>. Not synchronised
    /// with <see cref="IAggregator.Submit"/>: call it between submissions (tests, diagnostics).
    /// </summary>
    /// <param name="destination">A vector of the model's dimension on the same backend.</param>
    public void CopyCacheMean(ParameterVector destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        Backend.Copy(_cacheMean, destination);
    }

    /// <inheritdoc />
    protected override bool SupportsKind(UpdatePayloadKind kind) =>
        kind is UpdatePayloadKind.ModelDelta or UpdatePayloadKind.PseudoGradient;

    /// <inheritdoc />
    protected override RejectionReason ValidateLocked(ClientUpdate update, in SubmitOptions options, long staleness)
    {
        if (staleness > _maxStaleness)
        {
            return RejectionReason.TooStale;
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
        int id = update.ClientId;
        float sign = DeltaSign(update.Kind);
        float w = (float)options.Weight;
        ParameterVector delta = update.Payload;
        ParameterVector? storage = _cache[id];
        ParameterVector? cached = _live[id] ? storage : null;

        // calibration += w·(Δ − h) and cacheChange += (Δ − h): one pass each. The two coincide while every weight
        // is 1, so the second is only materialised once a weight differs. While the bounds show both sums finite they
        // are formed in place; otherwise in spares, committed (swapped in) only when every element is finite.
        if (!float.IsFinite(w))
        {
            return AcceptResult.Refused(RejectionReason.NonFiniteResult);
        }

        double difference = PayloadMagnitude + (cached is null ? 0 : _cacheBound);
        double calibrationBound = (_count == 0 ? 0 : _calibrationBound) + (Math.Abs(w) * difference);
        bool differs = _changeDiffers || w != 1f;
        double changeBound = (_count == 0 ? 0 : (_changeDiffers ? _changeBound : _calibrationBound)) + difference;
        bool inPlace = FiniteGuard.IsSafe(calibrationBound) && (!differs || FiniteGuard.IsSafe(changeBound));
        ParameterVector calibration = _calibration, change = _cacheChange;
        if (!inPlace)
        {
            calibration = _spareCalibration ??= Backend.Allocate(Dimension);
            change = _spareChange ??= Backend.Allocate(Dimension);
            if (_count > 0)
            {
                Backend.Copy(_calibration, calibration);
            }

            if (_changeDiffers)
            {
                Backend.Copy(_cacheChange, change);
            }
        }

        if (differs && !_changeDiffers)
        {
            if (_count == 0)
            {
                Backend.Fill(change, 0f);
            }
            else
            {
                Backend.Copy(_calibration, change);
            }
        }

        AddDifference(calibration, delta, sign * w, cached, -w, first: _count == 0);
        if (differs)
        {
            AddDifference(change, delta, sign, cached, -1f, first: false);
        }

        if (!inPlace)
        {
            calibrationBound = Backend.MaxMagnitude(calibration);
            changeBound = differs ? Backend.MaxMagnitude(change) : calibrationBound;
            if (!FiniteGuard.IsFiniteFloat(calibrationBound) || !FiniteGuard.IsFiniteFloat(changeBound))
            {
                return AcceptResult.Refused(RejectionReason.NonFiniteResult); // the spares only were written
            }

            (_calibration, _spareCalibration) = (calibration, _calibration);
            if (differs)
            {
                (_cacheChange, _spareChange) = (change, _cacheChange);
            }
        }

        _changeDiffers = differs;
        if (cached is null)
        {
            cached = storage ?? Backend.Allocate(Dimension);
            _cache[id] = cached;
            _live[id] = true;
            Interlocked.Increment(ref _cachedClients);
        }

        _cacheBase[id] = update.BaseVersion.Value;
        _cacheBound = Math.Max(_cacheBound, PayloadMagnitude);
        _calibrationBound = inPlace ? FiniteGuard.Rounded(calibrationBound) : calibrationBound;
        _changeBound = !_changeDiffers ? _calibrationBound : inPlace ? FiniteGuard.Rounded(changeBound) : changeBound;

        if (sign == 1f)
        {
            Backend.Copy(delta, cached);
        }
        else
        {
            _terms[0] = delta;
            _termWeights[0] = sign;
            Backend.WeightedSum(_terms.AsSpan(0, 1), _termWeights.AsSpan(0, 1), cached);
            _terms[0] = null!;
        }

        _clients[_count] = id;
        Volatile.Write(ref _count, _count + 1);
        if (_count < _bufferSize)
        {
            return new AcceptResult(false, options.Weight);
        }

        int buffered = _count;
        switch (ApplyBuffer(double.NaN))
        {
            case FlushResult.Stepped:
                return new AcceptResult(true, options.Weight);
            case FlushResult.Refused:
                // The model is unchanged; the cache keeps the new entries (they are finite) and its mean follows them.
                CountDroppedFromBuffer(buffered - 1);
                return AcceptResult.Refused(RejectionReason.NonFiniteResult);
            default:
                return new AcceptResult(false, options.Weight);
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

    /// <summary><c>x = (first ? 0 : x) + a·y + b·z</c> (<c>z</c> null counts as 0) in one pass.</summary>
    private void AddDifference(ParameterVector x, ParameterVector y, float a, ParameterVector? z, float b, bool first)
    {
        // WeightedSum accepts its destination only as inputs[0], which is where x goes when it is an input.
        ParameterVector[] inputs = _terms;
        float[] weights = _termWeights;
        int n = 0;
        if (!first)
        {
            inputs[n] = x;
            weights[n++] = 1f;
        }

        inputs[n] = y;
        weights[n++] = a;
        if (z is not null)
        {
            inputs[n] = z;
            weights[n++] = b;
        }

        Backend.WeightedSum(inputs.AsSpan(0, n), weights.AsSpan(0, n), x);
        Array.Clear(inputs);
    }

    private FlushResult ApplyBuffer(double normalizer)
    {
        double z = double.IsNaN(normalizer) ? _count : normalizer;
        var result = FlushResult.Nothing;
        if (z > 0)
        {
            // vₜ = h̄ + acc / Z in one pass, then the optimiser; refused (model unchanged) when not certainly finite.
            float scale = (float)(1.0 / z);
            double stepBound = _cacheMeanBound + (Math.Abs(scale) * _calibrationBound);
            double bound = ModelBound;
            result = FlushResult.Refused;
            if (float.IsFinite(scale))
            {
                _terms[0] = _cacheMean;
                _terms[1] = _calibration;
                _termWeights[0] = 1f;
                _termWeights[1] = scale;
                Backend.WeightedSum(_terms.AsSpan(0, 2), _termWeights.AsSpan(0, 2), _step);
                Array.Clear(_terms);
                stepBound = FiniteGuard.IsSafe(stepBound) ? FiniteGuard.Rounded(stepBound) : Backend.MaxMagnitude(_step);
                if (FiniteGuard.IsFiniteFloat(stepBound)
                    && ServerStep.TryApply(_optimizer, Backend, Guard, Model.Parameters, _step, 1, stepBound, ref bound))
                {
                    ModelBound = bound;
                    CompleteStep();
                    result = FlushResult.Stepped;
                }
            }
        }

        // h̄ ← h̄ + (1/N)·Σ(Δ − h) = the mean of the refreshed cache (also when no step was taken: the cache changed).
        // The mean of the cache is bounded by its entries; the incremental sum's bound grows, and a resync resets it.
        double meanBound = _cacheMeanBound + (_changeBound / _clientCount);
        if (++_stepsSinceResync >= ResyncInterval || !FiniteGuard.IsSafe(meanBound))
        {
            ResyncCacheMean();
        }
        else
        {
            Backend.AddScaled(_cacheMean, _changeDiffers ? _cacheChange : _calibration, (float)(1.0 / _clientCount));
            _cacheMeanBound = FiniteGuard.Rounded(meanBound);
        }

        if (_maxCacheAge != long.MaxValue)
        {
            ExpireOldEntries(Model.Version.Value - _maxCacheAge);
        }

        _changeDiffers = false;
        _calibrationBound = 0;
        _changeBound = 0;
        Volatile.Write(ref _count, 0);
        return result;
    }

    /// <summary>Takes every entry computed from a base version below <paramref name="oldestKept"/> out of the cache mean.</summary>
    private void ExpireOldEntries(long oldestKept)
    {
        float scale = (float)(-1.0 / _clientCount);
        for (int i = 0; i < _clientCount; i++)
        {
            if (_live[i] && _cacheBase[i] < oldestKept)
            {
                Backend.AddScaled(_cacheMean, _cache[i]!, scale);
                _live[i] = false;
                Interlocked.Decrement(ref _cachedClients);
            }
        }

        _cacheMeanBound = FiniteGuard.Rounded(_cacheMeanBound + _cacheBound);
        if (_cachedClients == 0)
        {
            // An empty cache has mean exactly 0 (no rounding residue from the subtractions).
            Backend.Fill(_cacheMean, 0f);
            _cacheMeanBound = 0;
        }
    }

    private void ResyncCacheMean()
    {
        _stepsSinceResync = 0;
        int n = 0;
        for (int i = 0; i < _clientCount; i++)
        {
            if (_live[i])
            {
                _resyncInputs[n] = _cache[i]!;
                _resyncWeights[n++] = (float)(1.0 / _clientCount);
            }
        }

        if (n == 0)
        {
            Backend.Fill(_cacheMean, 0f);
        }
        else
        {
            Backend.WeightedSum(_resyncInputs.AsSpan(0, n), _resyncWeights.AsSpan(0, n), _cacheMean);
        }

        _cacheMeanBound = FiniteGuard.Rounded(_cacheBound); // a mean of entries bounded by _cacheBound

        Array.Clear(_resyncInputs);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _optimizer.Dispose();
            _cacheMean.Dispose();
            _calibration.Dispose();
            _cacheChange.Dispose();
            _spareCalibration?.Dispose();
            _spareChange?.Dispose();
            _step.Dispose();
            foreach (var h in _cache)
            {
                h?.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private static Ca2FlOptions Validated(Ca2FlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return options;
    }
}
