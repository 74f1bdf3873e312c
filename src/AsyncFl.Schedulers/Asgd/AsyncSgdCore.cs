namespace AsyncFl.Schedulers;

/// <summary>
/// The shared event logic of vanilla / delay-adaptive / naive-optimal ASGD and Ringmaster (both variants): keep every
/// active worker busy; on arrival discard when the delay reached the threshold R, otherwise accept at once with the
/// (possibly delay-adaptive) step; in the cancel-and-restart variant, cancel every busy worker whose delay reached R
/// after each accepted update. With R = ∞ and no delay adaptation this is plain ASGD, decision for decision.
/// </summary>
internal sealed class AsyncSgdCore
{
    private readonly long _threshold;
    private readonly bool _cancelStale;
    private readonly bool _delayAdaptive;
    private readonly double _learningRate;
    private readonly int? _concurrency;
    private readonly IReadOnlyList<int>? _clients;
    private readonly int _localSteps;
    private readonly RejectionReason _discardReason;
    private bool[] _active = [];
    private int _m;
    private TaskHandle[] _toCancel = [];

    public AsyncSgdCore(long threshold, bool cancelStale, bool delayAdaptive, double learningRate, int? concurrency, IReadOnlyList<int>? clients, int localSteps, RejectionReason discardReason)
    {
        _threshold = threshold;
        _cancelStale = cancelStale;
        _delayAdaptive = delayAdaptive;
        _learningRate = learningRate;
        _concurrency = concurrency;
        _clients = clients;
        _localSteps = localSteps;
        _discardReason = discardReason;
    }

    public SchedulerStatistics Statistics { get; } = new();

    public void OnStart(ISchedulerContext context)
    {
        _active = SchedulerUtil.ActiveMask(_clients, context.ClientCount);
        _m = _concurrency ?? _active.Count(a => a);
        for (int c = 0; c < _active.Length; c++)
        {
            TryDispatch(context, c);
        }
    }

    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        long delay = result.Staleness;
        if (delay >= _threshold)
        {
            context.Discard(result, _discardReason);
            Statistics.Discarded++;
            return;
        }

        double lr = _delayAdaptive ? Theory.TimeComplexity.DelayAdaptiveStep(_learningRate, _m, delay) : _learningRate;
        var outcome = context.Accept(result, new SubmitOptions { LearningRate = lr });
        if (!outcome.Accepted)
        {
            Statistics.RejectedByAggregator++;
            return;
        }

        Statistics.Accepted++;
        Statistics.MaxAcceptedDelay = Math.Max(Statistics.MaxAcceptedDelay, delay);
        Statistics.LastLearningRate = lr;
        if (_cancelStale)
        {
            CancelStale(context, result.Task.Handle);
        }
    }

    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        Statistics.WorkerSeconds += ended.EndTime - ended.Task.StartTime;
        TryDispatch(context, ended.Task.ClientId);
    }

    public void OnClientAvailable(ISchedulerContext context, int clientId) => TryDispatch(context, clientId);

    private void TryDispatch(ISchedulerContext context, int client)
    {
        if (client < _active.Length && _active[client] && SchedulerUtil.CanDispatch(context, client))
        {
            context.Dispatch(new TaskRequest(client) { LocalSteps = _localSteps });
            Statistics.Dispatched++;
        }
    }

    private void CancelStale(ISchedulerContext context, TaskHandle delivering)
    {
        long version = context.Version.Value;
        if (_toCancel.Length < context.InFlightCount)
        {
            _toCancel = new TaskHandle[Math.Max(context.InFlightCount, 2 * _toCancel.Length)];
        }

        int count = 0;
        foreach (var task in context.InFlight)
        {
            // The task being delivered completes after this callback (its worker restarts then): not a cancellation.
            if (version - task.BaseVersion.Value >= _threshold && task.Handle != delivering)
            {
                _toCancel[count++] = task.Handle;
            }
        }

        // Collected first: cancelling may end tasks (and restart workers) re-entrantly.
        for (int k = 0; k < count; k++)
        {
            if (context.Cancel(_toCancel[k]))
            {
                Statistics.Cancelled++;
            }
        }
    }
}
