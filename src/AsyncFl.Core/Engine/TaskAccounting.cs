namespace AsyncFl.Engine;

/// <summary>The exactly-once accounting of a run: every dispatched task ends once, every result is decided once.</summary>
/// <param name="Dispatched">Tasks dispatched.</param>
/// <param name="Completed">Tasks whose results all arrived.</param>
/// <param name="Cancelled">Tasks cancelled by the scheduler.</param>
/// <param name="TimedOut">Tasks past their time limit.</param>
/// <param name="Dropped">Tasks whose client failed.</param>
/// <param name="Abandoned">Tasks in flight when training stopped.</param>
/// <param name="InFlight">Tasks still running.</param>
/// <param name="ResultsDelivered">Results delivered to the scheduler.</param>
/// <param name="ResultsAccepted">Results applied or buffered.</param>
/// <param name="ResultsRejected">Results rejected or discarded (undecided included).</param>
/// <param name="ResultsUndecided">Results the scheduler left undecided.</param>
public readonly record struct TaskAccounting(
    long Dispatched,
    long Completed,
    long Cancelled,
    long TimedOut,
    long Dropped,
    long Abandoned,
    int InFlight,
    long ResultsDelivered,
    long ResultsAccepted,
    long ResultsRejected,
    long ResultsUndecided)
{
    /// <summary>Tasks that ended, all reasons.</summary>
    public long Ended => Completed + Cancelled + TimedOut + Dropped + Abandoned;

    /// <summary>Whether every task is accounted for (ended + in flight = dispatched) and every result decided once.</summary>
    public bool IsBalanced => Ended + InFlight == Dispatched && ResultsAccepted + ResultsRejected == ResultsDelivered;
}
