// This file is compiled and run by tests/AsyncFl.Simulation.Tests (Docs/ExtendingGuideTests.cs) and by the packed
// packages' consumer tests/PackageTest; the tests also check that docs/extending.md shows it verbatim.
// EXTENDING-SCHEDULER-BEGIN
using AsyncFl;

namespace Extending;

/// <summary>
/// Keeps <c>concurrency</c> clients busy, each free slot refilled with a client drawn uniformly among the idle,
/// available ones (the engine's O(1) pick), and cuts stragglers: a task gets a time limit of twice the mean
/// duration of the tasks completed so far, and a result staler than <c>maxStaleness</c> is discarded.
/// </summary>
public sealed class StragglerCutScheduler(int concurrency, long maxStaleness, int localSteps) : IScheduler
{
    private double _durationSum;
    private long _completed;

    public string Name => $"StragglerCut(C={concurrency}, maxStaleness={maxStaleness})";

    /// <summary>Tasks that ran past their limit so far.</summary>
    public long TimedOut { get; private set; }

    public void OnStart(ISchedulerContext context) => Fill(context);

    // Every result must be accepted or discarded, once, before this returns.
    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        if (result.Staleness > maxStaleness)
        {
            context.Discard(in result, RejectionReason.TooStale);
            return;
        }

        context.Accept(in result, SubmitOptions.Default);
    }

    // Called after the callback that ended the task returned (never re-entrantly): the client is idle again.
    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        if (ended.Reason == TaskEndReason.Completed)
        {
            _durationSum += ended.EndTime - ended.Task.StartTime;
            _completed++;
        }
        else if (ended.Reason == TaskEndReason.TimedOut)
        {
            TimedOut++;
        }

        Fill(context);
    }

    public void OnClientAvailable(ISchedulerContext context, int clientId) => Fill(context);

    public void OnTimer(ISchedulerContext context, long tag)
    {
    }

    private void Fill(ISchedulerContext context)
    {
        // No limit until a task took measurable time: a limit must be > 0 (tasks can finish in zero clock time).
        double limit = _durationSum > 0 ? 2 * _durationSum / _completed : double.PositiveInfinity;
        while (context.InFlightCount < concurrency && context.TryPickIdleClient(out int client))
        {
            context.Dispatch(new TaskRequest(client) { LocalSteps = localSteps, TimeLimitSeconds = limit });
        }
    }
}
// EXTENDING-SCHEDULER-END
