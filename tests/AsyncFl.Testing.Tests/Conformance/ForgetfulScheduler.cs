namespace AsyncFl.Testing.Tests.Conformance;

/// <summary>Keeps two tasks in flight but refills only after a completed task: a dropped task is never replaced, so a
/// fleet with dropouts eventually goes idle (the liveness bug the conformance suite must catch).</summary>
internal sealed class ForgetfulScheduler : IScheduler
{
    public string Name => "Forgetful";

    public void OnStart(ISchedulerContext context) => Fill(context);

    public void OnResult(ISchedulerContext context, in TaskResult result) => context.Accept(in result, SubmitOptions.Default);

    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        if (ended.Reason == TaskEndReason.Completed)
        {
            Fill(context);
        }
    }

    public void OnClientAvailable(ISchedulerContext context, int clientId)
    {
    }

    public void OnTimer(ISchedulerContext context, long tag)
    {
    }

    private static void Fill(ISchedulerContext context)
    {
        while (context.InFlightCount < 2 && context.TryPickIdleClient(out int client))
        {
            context.Dispatch(new TaskRequest(client));
        }
    }
}
