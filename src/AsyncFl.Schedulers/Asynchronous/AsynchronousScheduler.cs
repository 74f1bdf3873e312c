namespace AsyncFl.Schedulers;

/// <summary>
/// The asynchronous family (<see cref="AsynchronousSchedulerOptions"/>): keeps tasks in flight and judges each result
/// on arrival — discard past the staleness bound, else accept with the participation weight and the server
/// schedule's step; with <see cref="AsynchronousSchedulerOptions.CancelStaleTasks"/>, cancel and restart the tasks
/// that went past the bound after each accepted update.
/// </summary>
/// <remarks>
/// Two ways to keep workers busy. With a <see cref="AsynchronousSchedulerOptions.Concurrency"/> C, a free slot is
/// refilled with a client drawn among the idle, available ones (the engine's O(1) uniform pick, or the sampler's
/// single-slot draw; when every other client is busy the freed one is taken without a draw). With C = null every
/// active client is kept busy: each is started in id order and restarted the moment its task ends (or it comes back
/// online), which is asynchronous SGD decision for decision.
/// </remarks>
internal sealed class AsynchronousScheduler : IScheduler, ISchedulerStatisticsSource
{
    private const int ProbeAttempts = 64;

    private readonly AsynchronousSchedulerOptions _options;
    private readonly Func<int, bool> _eligible;
    private readonly ParticipationWeights? _weights;
    private ISchedulerContext? _context;
    private bool[]? _active;
    private int _target;
    private TaskHandle[] _toCancel = [];

    public AsynchronousScheduler(AsynchronousSchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Copy<AsynchronousSchedulerOptions>();
        _eligible = c => _context is { } ctx && IsActive(c) && !ctx.IsBusy(c) && ctx.IsAvailable(c);
        _weights = _options.ParticipationWeighting == AsynchronousParticipationWeighting.InterArrival ? new ParticipationWeights() : null;
        Name = _options.Describe();
    }

    public string Name { get; }

    public SchedulerStatistics Statistics { get; } = new();

    private bool KeepsEveryWorkerBusy => _options.Concurrency is null;

    public void OnStart(ISchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int n = context.ClientCount;
        _active = _options.ActiveClients is null ? null : SchedulerUtil.ActiveMask(_options.ActiveClients, n);
        int activeCount = _active?.Count(a => a) ?? n;
        _target = Math.Min(_options.Concurrency ?? activeCount, activeCount);
        if (KeepsEveryWorkerBusy)
        {
            for (int c = 0; c < n; c++)
            {
                TryDispatch(context, c);
            }
        }
        else
        {
            Fill(context);
        }
    }

    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        long delay = result.Staleness;
        if (_options.MaxStaleness is { } max && delay > max)
        {
            context.Discard(in result, RejectionReason.TooStale);
            Statistics.Discarded++;
            return;
        }

        double weight = _weights?.Weight(context.ClientCount, in result) ?? 1.0;
        var submit = _options.Submit(context, in result, _target, weight);
        var outcome = context.Accept(in result, submit);
        if (!outcome.Accepted)
        {
            Statistics.RejectedByAggregator++;
            return;
        }

        Statistics.Accepted++;
        Statistics.MaxAcceptedDelay = Math.Max(Statistics.MaxAcceptedDelay, delay);
        Statistics.LastLearningRate = submit.LearningRate;
        if (_options.CancelStaleTasks)
        {
            CancelStale(context, result.Task.Handle);
        }
    }

    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        ArgumentNullException.ThrowIfNull(context);
        Statistics.WorkerSeconds += ended.EndTime - ended.Task.StartTime;
        int client = ended.Task.ClientId;
        if (ended.ResultsDelivered > 0)
        {
            _weights?.Observe(context.ClientCount, client, ended.EndTime - ended.Task.StartTime);
        }

        if (KeepsEveryWorkerBusy)
        {
            TryDispatch(context, client);
            return;
        }

        if (_options.Sampler is null && _active is null && context.ClientCount - context.InFlightCount == 1 && context.InFlightCount < _target
            && !context.IsBusy(client) && context.IsAvailable(client))
        {
            // Every other client is busy: the one just freed is the only eligible one (the uniform draw is certain).
            // Skipping the draw keeps "all n workers busy" at O(1) per event for any n.
            Dispatch(context, client);
            return;
        }

        Fill(context);
    }

    public void OnClientAvailable(ISchedulerContext context, int clientId)
    {
        if (KeepsEveryWorkerBusy)
        {
            TryDispatch(context, clientId);
        }
        else
        {
            Fill(context);
        }
    }

    public void OnTimer(ISchedulerContext context, long tag)
    {
    }

    private bool IsActive(int client) => _active is null || ((uint)client < (uint)_active.Length && _active[client]);

    private void Fill(ISchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        try
        {
            while (context.InFlightCount < _target)
            {
                int client = Pick(context);
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

    private int Pick(ISchedulerContext context)
    {
        if (_options.Sampler is { } sampler)
        {
            int drawn = sampler.SampleOne(context.ClientCount, context.Random, _eligible);
            if (drawn >= 0 && !_eligible(drawn))
            {
                throw new InvalidOperationException($"The sampler {sampler.Name} returned client {drawn}, which is busy, unavailable or not active.");
            }

            return drawn;
        }

        if (_active is null)
        {
            return context.TryPickIdleClient(out int client) ? client : -1;
        }

        // A subset of the clients: probe, then one reservoir pass (uniform among the eligible).
        int n = context.ClientCount;
        for (int attempt = 0; attempt < ProbeAttempts; attempt++)
        {
            int c = context.Random.Next(n);
            if (_eligible(c))
            {
                return c;
            }
        }

        int chosen = -1, seen = 0;
        for (int c = 0; c < n; c++)
        {
            if (_eligible(c) && context.Random.Next(++seen) == 0)
            {
                chosen = c;
            }
        }

        return chosen;
    }

    private void TryDispatch(ISchedulerContext context, int client)
    {
        if (IsActive(client) && SchedulerUtil.CanDispatch(context, client))
        {
            Dispatch(context, client);
        }
    }

    private void Dispatch(ISchedulerContext context, int client)
    {
        context.Dispatch(_options.Request(client) with { TimeLimitSeconds = _options.TimeLimitSeconds });
        Statistics.Dispatched++;
    }

    private void CancelStale(ISchedulerContext context, TaskHandle delivering)
    {
        long max = _options.MaxStaleness!.Value;
        long version = context.Version.Value;
        if (_toCancel.Length < context.InFlightCount)
        {
            _toCancel = new TaskHandle[Math.Max(context.InFlightCount, 2 * _toCancel.Length)];
        }

        int count = 0;
        foreach (var task in context.InFlight)
        {
            // The task being delivered completes after this callback (its worker restarts then): not a cancellation.
            if (version - task.BaseVersion.Value > max && task.Handle != delivering)
            {
                _toCancel[count++] = task.Handle;
            }
        }

        // Collected first: cancelling ends tasks (and their ends restart workers after this callback).
        for (int k = 0; k < count; k++)
        {
            if (context.Cancel(_toCancel[k]))
            {
                Statistics.Cancelled++;
            }
        }
    }
}
