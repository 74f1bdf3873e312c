using System.Diagnostics.CodeAnalysis;
using AsyncFl.Backends;

namespace AsyncFl.Aggregators;

/// <summary>
/// What every AsyncFl aggregator does around its formula: validates untrusted updates with a typed
/// <see cref="RejectionReason"/>, serialises the apply step behind one lock (single writer), assigns a monotone
/// acceptance <see cref="AggregationOutcome.Sequence"/>, remembers recent update ids, and counts everything in
/// <see cref="Counters"/>.
/// </summary>
/// <remarks>
/// <para>Checks, in order: client id (<see cref="RejectionReason.UnknownClient"/>), payload kind
/// (<see cref="RejectionReason.UnsupportedKind"/>), submission options (<see cref="RejectionReason.InvalidOptions"/>),
/// sample count (<see cref="RejectionReason.NonPositiveSampleCount"/>), length
/// (<see cref="RejectionReason.LengthMismatch"/>), NaN/∞ anywhere (<see cref="RejectionReason.NonFinite"/>, one pass
/// with the backend's <see cref="IParameterBackend.IsAllFinite"/>); then, under the lock: base version in the future
/// (<see cref="RejectionReason.FutureVersion"/>), duplicate id (<see cref="RejectionReason.Duplicate"/>) and the
/// algorithm's own checks (<see cref="ValidateLocked"/>). Only then does <see cref="Accept"/> touch any state, so a
/// rejected update leaves the model bit-identical.</para>
/// <para>A serial replay of the accepted updates in <see cref="AggregationOutcome.Sequence"/> order (with the same
/// flushes between them) reproduces the model bit for bit: acceptance and application happen in the same critical
/// section.</para>
/// </remarks>
public abstract class AggregatorBase : IAggregator
{
    private readonly Lock _gate = new();
    private readonly RecentIdWindow? _recentIds;
    private readonly int _clientCount;
    private readonly AggregatorCounterWriter _count;
    private long _sequence;
    private long _boundVersion;
    private bool _disposed;

    /// <summary>Initialises the shared state: duplicate window, client-id bound, counters.</summary>
    /// <param name="model">The model to write.</param>
    /// <param name="options">The shared options (validated by the caller).</param>
    protected AggregatorBase(GlobalModel model, AggregatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        Model = model;
        _clientCount = options.ClientCount;
        _recentIds = options.DuplicateWindow > 0 ? new RecentIdWindow(options.DuplicateWindow) : null;
        Counters = AggregatorCounters.Create(out _count);
        Guard = new FiniteGuard(model.Backend, model.Dimension);
        ModelBound = model.Backend.MaxMagnitude(model.Parameters);
        _boundVersion = model.Version.Value;
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public GlobalModel Model { get; }

    /// <summary>The model's backend; every vector operation goes through it.</summary>
    protected IParameterBackend Backend => Model.Backend;

    /// <summary>The model's dimension.</summary>
    protected int Dimension => Model.Dimension;

    /// <summary>The largest magnitude of the payload being judged (measured by the validation pass); valid in
    /// <see cref="ValidateLocked"/> and <see cref="Accept"/>.</summary>
    protected double PayloadMagnitude { get; private set; }

    /// <summary>A conservative bound on the magnitude of the model's elements, kept by the library's aggregators so that
    /// no update can make the model non-finite (see <see cref="FiniteGuard"/>).</summary>
    private protected double ModelBound { get; set; }

    /// <summary>Mixes that cannot overflow, and a scratch vector for the rare checked path.</summary>
    private protected FiniteGuard Guard { get; }

    /// <summary>Replaces <see cref="ModelBound"/> by the model's exact magnitude (one scan; only when a bound is unsafe).</summary>
    /// <returns>The exact bound.</returns>
    private protected double MeasureModelBound() => ModelBound = Backend.MaxMagnitude(Model.Parameters);

    /// <inheritdoc />
    public virtual int PendingCount => 0;

    /// <inheritdoc />
    public AggregatorCounters Counters { get; }

    /// <inheritdoc />
    public AggregationOutcome Submit(ClientUpdate update, in SubmitOptions options)
    {
        ArgumentNullException.ThrowIfNull(update);
        ObjectDisposedException.ThrowIf(_disposed, this);
        RejectionReason reason = ValidateStateless(update, options, out double magnitude);
        if (reason != RejectionReason.None)
        {
            return Reject(reason, Model.Version, 0);
        }

        lock (_gate)
        {
            ModelVersion version = Model.Version;
            PayloadMagnitude = magnitude;
            RefreshModelBoundIfChangedOutside(version);
            long staleness = version.StalenessOf(update.BaseVersion);
            if (staleness < 0)
            {
                return Reject(RejectionReason.FutureVersion, version, staleness);
            }

            bool numbered = update.UpdateId >= 0;
            if (numbered && _recentIds is not null && _recentIds.Contains(update.UpdateId))
            {
                return Reject(RejectionReason.Duplicate, version, staleness);
            }

            reason = ValidateLocked(update, options, staleness);
            if (reason != RejectionReason.None)
            {
                return Reject(reason, version, staleness);
            }

            AcceptResult result = Accept(update, options, staleness);
            _boundVersion = Model.Version.Value;
            if (result.Rejection != RejectionReason.None)
            {
                return Reject(result.Rejection, Model.Version, staleness);
            }

            long sequence = _sequence++;
            if (numbered)
            {
                _recentIds?.Add(update.UpdateId);
            }

            if (result.Applied)
            {
                _count.CountApplied();
            }
            else
            {
                _count.CountBuffered();
            }

            return new AggregationOutcome(
                result.Applied ? UpdateDisposition.Applied : UpdateDisposition.Buffered,
                RejectionReason.None,
                Model.Version,
                sequence,
                staleness,
                result.Weight);
        }
    }

    /// <inheritdoc />
    public AggregationOutcome Flush(in FlushOptions options)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        double normalizer = options.Normalizer;
        if (!double.IsNaN(normalizer) && (!double.IsFinite(normalizer) || normalizer < 0))
        {
            ThrowBadNormalizer(normalizer);
        }

        lock (_gate)
        {
            RefreshModelBoundIfChangedOutside(Model.Version);
            FlushResult flushed = FlushCore(normalizer);
            _boundVersion = Model.Version.Value;
            if (flushed == FlushResult.Refused)
            {
                _count.CountRejected(RejectionReason.NonFiniteResult);
                return AggregationOutcome.Rejected(RejectionReason.NonFiniteResult, Model.Version);
            }

            return new AggregationOutcome(
                flushed == FlushResult.Stepped ? UpdateDisposition.Applied : UpdateDisposition.Nothing,
                RejectionReason.None,
                Model.Version,
                -1,
                0,
                0);
        }
    }

    /// <inheritdoc />
    public bool SupportsPayloadKind(UpdatePayloadKind kind) => SupportsKind(kind);

    /// <summary>Whether this aggregator understands <paramref name="kind"/>.</summary>
    /// <param name="kind">The payload kind.</param>
    /// <returns>Whether updates of that kind can be accepted.</returns>
    protected abstract bool SupportsKind(UpdatePayloadKind kind);

    /// <summary>
    /// The algorithm's own checks, run under the lock after the shared ones (staleness bound, retained window,
    /// one contribution per client per buffer). Must not change any state.
    /// </summary>
    /// <param name="update">The update.</param>
    /// <param name="options">Its options.</param>
    /// <param name="staleness">Its staleness ≥ 0.</param>
    /// <returns><see cref="RejectionReason.None"/> to accept.</returns>
    protected virtual RejectionReason ValidateLocked(ClientUpdate update, in SubmitOptions options, long staleness) => RejectionReason.None;

    /// <summary>Applies or buffers a fully validated update; runs under the lock and must not fail.</summary>
    /// <param name="update">The update.</param>
    /// <param name="options">Its options.</param>
    /// <param name="staleness">Its staleness ≥ 0.</param>
    /// <returns>Whether the model changed, and the effective weight.</returns>
    protected abstract AcceptResult Accept(ClientUpdate update, in SubmitOptions options, long staleness);

    /// <summary>Applies the buffer as one server step; runs under the lock.</summary>
    /// <param name="normalizer">The caller's divisor, or NaN for the aggregator's own convention.</param>
    /// <returns>Whether a step was taken (and the version bumped), nothing was to be done, or the step was refused
    /// because it would have made the model non-finite (the buffer is then dropped).</returns>
    protected virtual FlushResult FlushCore(double normalizer) => FlushResult.Nothing;

    /// <summary>Bumps the version and counts a server step; call after changing the model.</summary>
    /// <returns>The new version.</returns>
    protected ModelVersion CompleteStep()
    {
        _count.CountServerStep();
        ModelVersion v = Model.BumpVersion();
        OnVersionBumped(v);
        return v;
    }

    /// <summary>Counts updates that were buffered but never reach the model (their step was refused, see
    /// <see cref="FlushResult.Refused"/>).</summary>
    /// <param name="count">How many.</param>
    protected void CountDroppedFromBuffer(long count) => _count.CountDroppedFromBuffer(count);

    /// <summary>Called under the lock right after the version was bumped (e.g. to snapshot the model).</summary>
    /// <param name="version">The new version.</param>
    protected virtual void OnVersionBumped(ModelVersion version)
    {
    }

    /// <summary>The sign that turns a payload into a <c>+Δ</c> direction: +1 for a model delta, −1 for a
    /// (pseudo-)gradient.</summary>
    /// <param name="kind">The kind.</param>
    protected static float DeltaSign(UpdatePayloadKind kind) => kind == UpdatePayloadKind.ModelDelta ? 1f : -1f;

    /// <summary>
    /// Re-measures the model's magnitude when its version moved without this aggregator (a wrapper or the user wrote
    /// it): the bound must stay conservative.
    /// </summary>
    private void RefreshModelBoundIfChangedOutside(ModelVersion version)
    {
        if (version.Value != _boundVersion)
        {
            ModelBound = Backend.MaxMagnitude(Model.Parameters);
            _boundVersion = version.Value;
        }
    }

    /// <summary>Checks that do not depend on the aggregator's state.</summary>
    private RejectionReason ValidateStateless(ClientUpdate update, in SubmitOptions options, out double magnitude)
    {
        magnitude = 0;
        if (update.ClientId < 0 || (_clientCount > 0 && update.ClientId >= _clientCount))
        {
            return RejectionReason.UnknownClient;
        }

        if (!SupportsKind(update.Kind))
        {
            return RejectionReason.UnsupportedKind;
        }

        double w = options.Weight;
        double lr = options.LearningRate;
        if (!double.IsFinite(w) || w < 0 || (!double.IsNaN(lr) && (!double.IsFinite(lr) || lr < 0)))
        {
            return RejectionReason.InvalidOptions;
        }

        if (update.SampleCount <= 0)
        {
            return RejectionReason.NonPositiveSampleCount;
        }

        ParameterVector payload = update.Payload;
        if (payload is null || payload.Length != Dimension)
        {
            return RejectionReason.LengthMismatch;
        }

        if (payload.IsDisposed)
        {
            ThrowDisposedPayload();
        }

        // One pass: the magnitude bounds what the update may write, and is NaN or ∞ exactly when an element is.
        magnitude = Backend.MaxMagnitude(payload);
        if (!FiniteGuard.IsFiniteFloat(magnitude))
        {
            return RejectionReason.NonFinite;
        }

        return RejectionReason.None;
    }

    private AggregationOutcome Reject(RejectionReason reason, ModelVersion version, long staleness)
    {
        _count.CountRejected(reason);
        return AggregationOutcome.Rejected(reason, version, staleness);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        lock (_gate)
        {
            _disposed = true;
            Dispose(true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the aggregator's buffers (never the model, which the caller owns).</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Guard.Dispose();
        }
    }

    [DoesNotReturn]
    private static void ThrowDisposedPayload() =>
        throw new ObjectDisposedException(nameof(ClientUpdate.Payload), "The update's payload vector was disposed before it was submitted.");

    [DoesNotReturn]
    private static void ThrowBadNormalizer(double value) =>
        throw new ArgumentOutOfRangeException(nameof(FlushOptions.Normalizer), value, "The flush normaliser must be NaN (the aggregator's own) or a finite number ≥ 0.");
}
