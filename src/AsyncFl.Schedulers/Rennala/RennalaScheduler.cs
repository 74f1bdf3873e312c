namespace AsyncFl.Schedulers;

/// <summary>
/// Rennala SGD: synchronous update, asynchronous collection. Every active worker computes at the current model; a
/// result is accepted only when its base version equals the current version (stale ones are discarded with
/// <see cref="RejectionReason.DiscardedByScheduler"/>); after S fresh results the model steps once (the aggregator's
/// buffer fills, or the scheduler flushes it). No knowledge of worker speeds is needed.
/// </summary>
internal sealed class RennalaScheduler : IScheduler, ISchedulerStatisticsSource
{
    private readonly RennalaOptions _options;
    private readonly int _s;
    private readonly bool _restartAll;
    private readonly int[]? _clients;
    private bool[] _active = [];
    private int _activeCount;
    private int _collected;
    private TaskHandle[] _toCancel = [];

    /// <summary>Creates the scheduler (the options are validated and copied).</summary>
    /// <param name="options">The options.</param>
    public RennalaScheduler(RennalaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Copy<RennalaOptions>();
        _s = options.BatchSize;
        _restartAll = options.Variant == RennalaVariant.RestartAll;
        _clients = options.ActiveClients?.ToArray();
        Name = $"Rennala{(_restartAll ? "(restart-all)" : string.Empty)}(S={_s})";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>S.</summary>
    public int BatchSize => _s;

    /// <summary>Fresh gradients collected in the current step.</summary>
    public int CollectedInStep => _collected;

    /// <summary>What the scheduler decided so far.</summary>
    public SchedulerStatistics Statistics { get; } = new();

    /// <inheritdoc />
    public void OnStart(ISchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _active = SchedulerUtil.ActiveMask(_clients, context.ClientCount);
        _activeCount = _active.Count(a => a);
        _collected = 0;
        for (int c = 0; c < _active.Length; c++)
        {
            TryDispatch(context, c);
        }
    }

    /// <inheritdoc />
    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (result.Task.BaseVersion != context.Version)
        {
            context.Discard(result, RejectionReason.DiscardedByScheduler);
            Statistics.Discarded++;
            return;
        }

        var before = context.Version;
        var submit = _options.Submit(context, in result, _activeCount);
        var outcome = context.Accept(result, submit);
        if (!outcome.Accepted)
        {
            Statistics.RejectedByAggregator++;
            return;
        }

        Statistics.Accepted++;
        Statistics.LastLearningRate = submit.LearningRate;
        _collected++;
        if (context.Version == before && _collected < _s)
        {
            return;
        }

        if (context.Version == before)
        {
            context.Flush(FlushOptions.Default);
        }

        _collected = 0;
        Statistics.Rounds++;
        if (_restartAll)
        {
            CancelAll(context);
        }
    }

    /// <inheritdoc />
    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        Statistics.WorkerSeconds += ended.EndTime - ended.Task.StartTime;
        TryDispatch(context, ended.Task.ClientId);
    }

    /// <inheritdoc />
    public void OnClientAvailable(ISchedulerContext context, int clientId) => TryDispatch(context, clientId);

    /// <inheritdoc />
    public void OnTimer(ISchedulerContext context, long tag)
    {
    }

    private void TryDispatch(ISchedulerContext context, int client)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (client < _active.Length && _active[client] && SchedulerUtil.CanDispatch(context, client))
        {
            context.Dispatch(_options.Request(client));
            Statistics.Dispatched++;
        }
    }

    private void CancelAll(ISchedulerContext context)
    {
        long version = context.Version.Value;
        if (_toCancel.Length < context.InFlightCount)
        {
            _toCancel = new TaskHandle[Math.Max(context.InFlightCount, 2 * _toCancel.Length)];
        }

        int count = 0;
        foreach (var task in context.InFlight)
        {
            if (task.BaseVersion.Value < version)
            {
                _toCancel[count++] = task.Handle;
            }
        }

        for (int k = 0; k < count; k++)
        {
            if (context.Cancel(_toCancel[k]))
            {
                Statistics.Cancelled++;
            }
        }
    }
}
