using System.Globalization;

namespace AsyncFl.Scheduling;

/// <summary>
/// The asynchronous baseline (FedAsync / ASGD style): keeps <see cref="AsynchronousSchedulerOptions.Concurrency"/>
/// tasks in flight, refilling a free slot at once with a client drawn among the idle, available ones, and hands
/// every result to the aggregator with <see cref="SubmitOptions.Default"/> (optionally discarding results staler
/// than <see cref="AsynchronousSchedulerOptions.MaxStaleness"/>); with
/// <see cref="AsynchronousParticipationWeighting.InterArrival"/> each result's weight is <c>T̂ᵢ / T̄</c> instead.
/// </summary>
public sealed class AsynchronousScheduler : IScheduler
{
    private readonly AsynchronousSchedulerOptions _options;
    private readonly Func<int, bool> _eligible;
    private ISchedulerContext? _context;
    private double[] _durationSum = [];
    private int[] _durationCount = [];
    private double _inverseMeanSum;
    private int _observedClients;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="options">The options (copied and validated).</param>
    public AsynchronousScheduler(AsynchronousSchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _eligible = c => _context is { } ctx && !ctx.IsBusy(c) && ctx.IsAvailable(c);
    }

    /// <inheritdoc />
    public string Name => string.Create(
        CultureInfo.InvariantCulture,
        $"Asynchronous(C={_options.Concurrency}, steps={_options.LocalSteps}{(_options.MaxStaleness is { } s ? $", maxStaleness={s}" : string.Empty)}{(_options.ParticipationWeighting == AsynchronousParticipationWeighting.InterArrival ? ", weighting=inter-arrival" : string.Empty)})");

    /// <inheritdoc />
    public void OnStart(ISchedulerContext context) => Fill(context);

    /// <inheritdoc />
    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_options.MaxStaleness is { } max && result.Staleness > max)
        {
            context.Discard(in result, RejectionReason.TooStale);
            return;
        }

        if (_options.ParticipationWeighting == AsynchronousParticipationWeighting.InterArrival)
        {
            context.Accept(in result, new SubmitOptions { Weight = InterArrivalWeight(context, in result) });
            return;
        }

        context.Accept(in result, SubmitOptions.Default);
    }

    /// <summary>
    /// The inter-arrival weight <c>T̂ᵢ / T̄</c> of a result: <c>T̂ᵢ</c> the client's mean completed-task duration (the
    /// result's own latency before any), <c>T̄ = N / Σⱼ 1/T̂ⱼ</c> over observed clients (including this one).
    /// Returns 1 when no positive duration is known.
    /// </summary>
    private double InterArrivalWeight(ISchedulerContext context, in TaskResult result)
    {
        EnsureCapacity(context.ClientCount);
        int client = result.Task.ClientId;
        double inverseSum = _inverseMeanSum;
        int observed = _observedClients;
        double mean;
        if ((uint)client < (uint)_durationCount.Length && _durationCount[client] > 0)
        {
            mean = _durationSum[client] / _durationCount[client];
        }
        else
        {
            mean = result.ArrivalTime - result.Task.StartTime;
            if (!(mean > 0) || !double.IsFinite(mean))
            {
                return 1.0;
            }

            inverseSum += 1.0 / mean;
            observed++;
        }

        return inverseSum > 0 ? mean * inverseSum / observed : 1.0;
    }

    private void Observe(int client, double duration)
    {
        if (!(duration > 0) || !double.IsFinite(duration) || (uint)client >= (uint)_durationCount.Length)
        {
            return;
        }

        if (_durationCount[client] > 0)
        {
            _inverseMeanSum -= _durationCount[client] / _durationSum[client];
        }
        else
        {
            _observedClients++;
        }

        _durationSum[client] += duration;
        _durationCount[client]++;
        _inverseMeanSum += _durationCount[client] / _durationSum[client];
    }

    private void EnsureCapacity(int clients)
    {
        if (_durationCount.Length < clients)
        {
            Array.Resize(ref _durationSum, clients);
            Array.Resize(ref _durationCount, clients);
        }
    }

    /// <inheritdoc />
    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        ArgumentNullException.ThrowIfNull(context);
        int client = ended.Task.ClientId;
        if (_options.ParticipationWeighting == AsynchronousParticipationWeighting.InterArrival && ended.ResultsDelivered > 0)
        {
            EnsureCapacity(context.ClientCount);
            Observe(client, ended.EndTime - ended.Task.StartTime);
        }

        if (_options.Sampler is null && context.ClientCount - context.InFlightCount == 1 && context.InFlightCount < _options.Concurrency
            && !context.IsBusy(client) && context.IsAvailable(client))
        {
            // Every other client is busy: the one just freed is the only eligible one (the uniform draw is certain).
            // Skipping the draw keeps "all n workers busy" at O(1) per event for any n.
            Dispatch(context, client);
            return;
        }

        Fill(context);
    }

    /// <inheritdoc />
    public void OnClientAvailable(ISchedulerContext context, int clientId) => Fill(context);

    /// <inheritdoc />
    public void OnTimer(ISchedulerContext context, long tag)
    {
    }

    private void Fill(ISchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        try
        {
            int target = Math.Min(_options.Concurrency, context.ClientCount);
            while (context.InFlightCount < target)
            {
                int client = ClientPicker.Pick(context, _options.Sampler, _eligible);
                if (client < 0)
                {
                    return;
                }

                Dispatch(context, client);
            }
        }
        finally
        {
            _context = null;
        }
    }

    private void Dispatch(ISchedulerContext context, int client) =>
        context.Dispatch(new TaskRequest(client)
        {
            LocalSteps = _options.LocalSteps,
            ClientLearningRate = _options.ClientLearningRate,
            TimeLimitSeconds = _options.TimeLimitSeconds,
        });
}
