namespace AsyncFl.Schedulers;

/// <summary>
/// The round mechanics shared by the round-based schedulers (Shadowheart, MindFlayer, ATA, cohort squeeze): a round
/// number that tags every task dispatched in the round, a count of the round's outstanding work, accept-or-discard of
/// results by round tag, the flush with the scheduler's normaliser that ends a round, and the start of the next round
/// (at once, or when a client becomes available after a round found nobody to dispatch to). The scheduler keeps its
/// own policy: whom to dispatch with what request (its start-round step), what counts as one unit of outstanding work
/// (a task, a client's budget of attempts, an allocated task), the weight of each result and each round's normaliser.
/// </summary>
/// <remarks>
/// The order of the steps is part of the contract: each scheduler's decisions, and so the engine's callbacks and a
/// seeded run's trajectory, depend on it. Not thread-safe, like the schedulers.
/// </remarks>
internal sealed class RoundBookkeeper
{
    private readonly Action<ISchedulerContext> _startRound;

    /// <summary>Creates the bookkeeping of one scheduler.</summary>
    /// <param name="startRound">The scheduler's start-round step: calls <see cref="BeginRound"/>, then dispatches.</param>
    public RoundBookkeeper(Action<ISchedulerContext> startRound)
    {
        _startRound = startRound;
    }

    /// <summary>What the scheduler decided so far.</summary>
    public SchedulerStatistics Statistics { get; } = new();

    /// <summary>The current round (1-based; 0 before the first). Tags every task dispatched in it.</summary>
    public long Round { get; private set; }

    /// <summary>Units of work of the current round that have not ended yet.</summary>
    public int Outstanding { get; private set; }

    /// <summary>True when the current round has no outstanding work (a new round may start).</summary>
    public bool IsIdle => Outstanding == 0;

    /// <summary>Starts the next round: a new tag and nothing outstanding.</summary>
    public void BeginRound()
    {
        Round++;
        Outstanding = 0;
    }

    /// <summary>Dispatches <paramref name="request"/> tagged with the current round and counts the dispatch.</summary>
    /// <param name="context">The engine.</param>
    /// <param name="request">The request (its tag is replaced by the round).</param>
    public void Dispatch(ISchedulerContext context, in TaskRequest request)
    {
        context.Dispatch(request with { Tag = Round });
        Statistics.Dispatched++;
    }

    /// <summary>Adds <paramref name="units"/> units of outstanding work to the current round.</summary>
    /// <param name="units">Units, ≥ 0.</param>
    public void Expect(int units = 1) => Outstanding += units;

    /// <summary>Removes <paramref name="units"/> units of outstanding work from the current round.</summary>
    /// <param name="units">Units, ≤ <see cref="Outstanding"/>.</param>
    public void Settle(int units = 1) => Outstanding -= units;

    /// <summary>
    /// Discards a result of an earlier round (<see cref="RejectionReason.DiscardedByScheduler"/>); hands a result of
    /// the current round to the aggregator with <paramref name="options"/>. Counts what happened.
    /// </summary>
    /// <param name="context">The engine.</param>
    /// <param name="result">The result.</param>
    /// <param name="options">The weight and learning rate for a result of the current round.</param>
    public void Submit(ISchedulerContext context, in TaskResult result, in SubmitOptions options)
    {
        if (result.Task.Request.Tag != Round)
        {
            context.Discard(result, RejectionReason.DiscardedByScheduler);
            Statistics.Discarded++;
            return;
        }

        var outcome = context.Accept(result, options);
        if (outcome.Accepted)
        {
            Statistics.Accepted++;
        }
        else
        {
            Statistics.RejectedByAggregator++;
        }
    }

    /// <summary>Adds the task's worker time (start to end) to <see cref="SchedulerStatistics.WorkerSeconds"/>.</summary>
    /// <param name="ended">The task's end.</param>
    /// <returns>The task's duration in seconds.</returns>
    public double RecordWorkerTime(in TaskEnded ended)
    {
        double duration = ended.EndTime - ended.Task.StartTime;
        Statistics.WorkerSeconds += duration;
        return duration;
    }

    /// <summary>True when the task belongs to the current round and the round still has outstanding work.</summary>
    /// <param name="ended">The task's end.</param>
    /// <returns>Whether the end counts towards the current round.</returns>
    public bool IsCurrent(in TaskEnded ended) => ended.Task.Request.Tag == Round && Outstanding > 0;

    /// <summary>
    /// Ends the round when nothing is outstanding: flushes the aggregator's buffer with <paramref name="flush"/>,
    /// counts the round and starts the next one.
    /// </summary>
    /// <param name="context">The engine.</param>
    /// <param name="flush">The round's normaliser.</param>
    public void EndRoundIfDone(ISchedulerContext context, in FlushOptions flush)
    {
        if (Outstanding != 0)
        {
            return;
        }

        context.Flush(flush);
        Statistics.Rounds++;
        _startRound(context);
    }

    /// <summary>
    /// The whole task-end step of a round where every dispatched task is one unit of work: records the worker time,
    /// ignores tasks of earlier rounds, settles one unit and, when it was the last, ends the round and starts the next.
    /// </summary>
    /// <param name="context">The engine.</param>
    /// <param name="ended">The task's end.</param>
    /// <param name="flush">The round's normaliser.</param>
    public void EndTask(ISchedulerContext context, in TaskEnded ended, in FlushOptions flush)
    {
        RecordWorkerTime(ended);
        if (!IsCurrent(ended))
        {
            return;
        }

        Settle();
        EndRoundIfDone(context, flush);
    }

    /// <summary>Starts a round when none is under way (the last one found no client to dispatch to).</summary>
    /// <param name="context">The engine.</param>
    public void StartIfIdle(ISchedulerContext context)
    {
        if (IsIdle)
        {
            _startRound(context);
        }
    }
}
