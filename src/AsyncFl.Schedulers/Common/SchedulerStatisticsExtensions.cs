using AsyncFl.Schedulers;

namespace AsyncFl;

/// <summary>Reads what a scheduler of <c>AsyncFl.Schedulers</c> decided.</summary>
public static class SchedulerStatisticsExtensions
{
    /// <summary>What the server's scheduler decided so far (dispatches, acceptances, discards, cancellations, rounds,
    /// worker time), or null when the scheduler is not one of this package's.</summary>
    /// <param name="server">The server.</param>
    /// <returns>The scheduler's statistics (a live object: read it between events).</returns>
    public static SchedulerStatistics? GetSchedulerStatistics(this FederatedServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return (server.Scheduler as ISchedulerStatisticsSource)?.Statistics;
    }
}
