namespace AsyncFl.Schedulers;

/// <summary>What a scheduler decided so far (read between callbacks; not thread-safe).</summary>
public sealed class SchedulerStatistics
{
    /// <summary>Tasks dispatched.</summary>
    public long Dispatched { get; internal set; }

    /// <summary>Results accepted (handed to the aggregator and accepted by it).</summary>
    public long Accepted { get; internal set; }

    /// <summary>Results discarded by the scheduler (too stale, from a finished round).</summary>
    public long Discarded { get; internal set; }

    /// <summary>Results the scheduler accepted but the aggregator rejected (hostile or malformed input).</summary>
    public long RejectedByAggregator { get; internal set; }

    /// <summary>Tasks the scheduler cancelled.</summary>
    public long Cancelled { get; internal set; }

    /// <summary>Server steps the scheduler triggered with a flush (or rounds completed).</summary>
    public long Rounds { get; internal set; }

    /// <summary>The largest delay (staleness) of an accepted result.</summary>
    public long MaxAcceptedDelay { get; internal set; }

    /// <summary>The server learning rate passed with the last accepted result (NaN: the aggregator's own).</summary>
    public double LastLearningRate { get; internal set; } = double.NaN;

    /// <summary>Total seconds of worker time spent on tasks that ended (start to end, any end reason).</summary>
    public double WorkerSeconds { get; internal set; }
}
