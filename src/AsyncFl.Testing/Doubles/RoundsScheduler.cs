namespace AsyncFl.Testing;

/// <summary>
/// A test double for the synchronous family: each round dispatches to up to <see cref="ClientsPerRound"/> idle,
/// online clients, accepts every result, and when the round's last task ended (for any reason) flushes the
/// aggregator (<see cref="FlushOptions.Default"/>) and starts the next round. A round that found no client waits for
/// the next client to come online.
/// </summary>
public sealed class RoundsScheduler : IScheduler
{
    private int _open;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="clientsPerRound">Cohort size, ≥ 1.</param>
    public RoundsScheduler(int clientsPerRound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clientsPerRound, 1);
        ClientsPerRound = clientsPerRound;
    }

    /// <summary>Cohort size.</summary>
    public int ClientsPerRound { get; }

    /// <summary>Rounds completed (flushed) so far.</summary>
    public long Rounds { get; private set; }

    /// <inheritdoc />
    public string Name => $"Rounds({ClientsPerRound})";

    /// <inheritdoc />
    public void OnStart(ISchedulerContext context) => StartRound(context);

    /// <inheritdoc />
    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Accept(in result, SubmitOptions.Default);
    }

    /// <inheritdoc />
    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (--_open > 0)
        {
            return;
        }

        context.Flush(FlushOptions.Default);
        Rounds++;
        StartRound(context);
    }

    /// <inheritdoc />
    public void OnClientAvailable(ISchedulerContext context, int clientId)
    {
        if (_open == 0)
        {
            StartRound(context);
        }
    }

    /// <inheritdoc />
    public void OnTimer(ISchedulerContext context, long tag)
    {
    }

    private void StartRound(ISchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        while (_open < ClientsPerRound && context.TryPickIdleClient(out int client))
        {
            context.Dispatch(new TaskRequest(client));
            _open++;
        }
    }
}
