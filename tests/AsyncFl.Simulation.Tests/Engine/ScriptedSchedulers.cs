namespace AsyncFl.Simulation.Tests.Engine;

/// <summary>Ringmaster ASGD, variant B (spec §3.3): every worker busy; after each accepted step, cancel and restart workers whose delay reached R.</summary>
internal sealed class RingmasterBScheduler(int threshold) : IScheduler
{
    public long Cancelled { get; private set; }

    public string Name => $"RingmasterB(R={threshold})";

    public void OnStart(ISchedulerContext context)
    {
        for (int c = 0; c < context.ClientCount; c++)
        {
            context.Dispatch(new TaskRequest(c));
        }
    }

    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        if (result.Staleness >= threshold)
        {
            context.Discard(in result, RejectionReason.TooStale);
            return;
        }

        context.Accept(in result, SubmitOptions.Default);
        var stale = new List<TaskInfo>();
        foreach (var t in context.InFlight)
        {
            if (context.Version.Value - t.BaseVersion.Value >= threshold)
            {
                stale.Add(t);
            }
        }

        foreach (var t in stale)
        {
            if (context.Cancel(t.Handle))
            {
                Cancelled++;
                context.Dispatch(new TaskRequest(t.ClientId)); // restart at once from the current model
            }
        }
    }

    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        if (!context.IsBusy(ended.Task.ClientId) && context.IsAvailable(ended.Task.ClientId))
        {
            context.Dispatch(new TaskRequest(ended.Task.ClientId));
        }
    }

    public void OnClientAvailable(ISchedulerContext context, int clientId)
    {
    }

    public void OnTimer(ISchedulerContext context, long tag)
    {
    }
}

/// <summary>MindFlayer-style: every task has a time limit; a timed-out worker restarts at once.</summary>
internal sealed class TimeLimitScheduler(double limit) : IScheduler
{
    public string Name => $"TimeLimit({limit})";

    public void OnStart(ISchedulerContext context)
    {
        for (int c = 0; c < context.ClientCount; c++)
        {
            context.Dispatch(new TaskRequest(c) { TimeLimitSeconds = limit });
        }
    }

    public void OnResult(ISchedulerContext context, in TaskResult result) => context.Accept(in result, SubmitOptions.Default);

    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended) =>
        context.Dispatch(new TaskRequest(ended.Task.ClientId) { TimeLimitSeconds = limit });

    public void OnClientAvailable(ISchedulerContext context, int clientId)
    {
    }

    public void OnTimer(ISchedulerContext context, long tag)
    {
    }
}

/// <summary>Rennala SGD, restart-all variant (spec §2.1): collect S fresh gradients, step, cancel and restart every worker at the new point.</summary>
internal sealed class RennalaRestartScheduler(int batch) : IScheduler
{
    private int _collected;

    public string Name => $"RennalaRestart(S={batch})";

    public void OnStart(ISchedulerContext context) => StartAll(context);

    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        if (result.Staleness != 0)
        {
            context.Discard(in result, RejectionReason.DiscardedByScheduler);
            return;
        }

        context.Accept(in result, SubmitOptions.Default);
        if (++_collected == batch)
        {
            _collected = 0;
            context.Flush(FlushOptions.Default);
            foreach (var t in context.InFlight)
            {
                context.Cancel(t.Handle);
            }

            StartAll(context);
        }
    }

    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        int c = ended.Task.ClientId;
        if (ended.Reason == TaskEndReason.Completed && !context.IsBusy(c))
        {
            context.Dispatch(new TaskRequest(c));
        }
    }

    public void OnClientAvailable(ISchedulerContext context, int clientId)
    {
    }

    public void OnTimer(ISchedulerContext context, long tag)
    {
    }

    private static void StartAll(ISchedulerContext context)
    {
        for (int c = 0; c < context.ClientCount; c++)
        {
            if (!context.IsBusy(c))
            {
                context.Dispatch(new TaskRequest(c));
            }
        }
    }
}
