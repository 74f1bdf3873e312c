namespace AsyncFl.Testing;

/// <summary>
/// A test double: keeps up to <see cref="Concurrency"/> clients busy (the engine's uniform pick among idle, online
/// clients) and accepts every result with <see cref="SubmitOptions.Default"/> (the plain asynchronous baseline).
/// Refills after every task end, for every reason, and whenever a client comes online.
/// </summary>
public sealed class KeepBusyScheduler : IScheduler
{
    /// <summary>Creates the scheduler.</summary>
    /// <param name="concurrency">Tasks kept in flight, ≥ 1.</param>
    public KeepBusyScheduler(int concurrency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        Concurrency = concurrency;
    }

    /// <summary>Tasks kept in flight.</summary>
    public int Concurrency { get; }

    /// <inheritdoc />
    public string Name => $"KeepBusy({Concurrency})";

    /// <inheritdoc />
    public void OnStart(ISchedulerContext context) => Fill(context);

    /// <inheritdoc />
    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Accept(in result, SubmitOptions.Default);
    }

    /// <inheritdoc />
    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended) => Fill(context);

    /// <inheritdoc />
    public void OnClientAvailable(ISchedulerContext context, int clientId) => Fill(context);

    /// <inheritdoc />
    public void OnTimer(ISchedulerContext context, long tag)
    {
    }

    private void Fill(ISchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        while (context.InFlightCount < Concurrency && context.TryPickIdleClient(out int client))
        {
            context.Dispatch(new TaskRequest(client));
        }
    }
}
