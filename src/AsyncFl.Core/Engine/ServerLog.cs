using System.Globalization;
using System.Text;
using AsyncFl.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AsyncFl.Engine;

/// <summary>
/// What a server logs (category <c>AsyncFl.Server</c>, through the host's <see cref="ILoggerFactory"/>; nothing without
/// one): the configuration when training starts, a summary when it stops, the first rejection of each reason (the
/// rest are counted and summarised at the stop, never logged one by one), and the first runner faults (client work
/// that threw). Source-generated messages: no allocation when the level is off.
/// </summary>
internal sealed partial class ServerLog
{
    /// <summary>How many runner faults are logged one by one before they are only counted.</summary>
    public const int FaultsLogged = 5;

    private readonly ILogger _logger;
    private readonly string _server;
    private readonly bool[] _reasonSeen = new bool[Enum.GetValues<RejectionReason>().Length];
    private long _faults;

    public ServerLog(ILoggerFactory? factory, string server)
    {
        _logger = factory?.CreateLogger("AsyncFl.Server") ?? NullLogger.Instance;
        _server = server;
    }

    public void Started(FederatedServer s)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            LogStarted(_logger, _server, s.Scheduler.Name, s.Aggregator.Name, s.Workload.GetType().Name, s.Workload.PayloadKind,
                s.Model.Dimension, s.Model.Backend.Name, s.ClientCount, s.Runner?.GetType().Name ?? "?", s.Seed);
        }
    }

    public void Rejected(RejectionReason reason, int clientId)
    {
        if ((uint)reason < (uint)_reasonSeen.Length && !_reasonSeen[(int)reason])
        {
            _reasonSeen[(int)reason] = true;
            LogFirstRejection(_logger, _server, reason, clientId);
        }
    }

    public void Fault(long taskId, int clientId, Exception exception)
    {
        if (++_faults <= FaultsLogged)
        {
            LogFault(_logger, exception, _server, taskId, clientId, _faults == FaultsLogged ? " (further faults are only counted)" : string.Empty);
        }
    }

    /// <summary>The stop summary. The statistics are taken only for a logger that writes them: taking them sorts every
    /// latency sample.</summary>
    public void Stopped(Func<TrainingStatistics> statistics)
    {
        if (!_logger.IsEnabled(LogLevel.Information) && !_logger.IsEnabled(LogLevel.Warning))
        {
            return;
        }

        var st = statistics();
        if (_logger.IsEnabled(LogLevel.Information))
        {
            LogStopped(_logger, _server, st.ElapsedSeconds, st.Version.Value, st.TasksDispatched, st.TasksCompleted, st.TasksDropped,
                st.TasksTimedOut, st.TasksCancelled, st.TasksAbandoned, st.Applied, st.Buffered, st.Rejected);
        }

        if (st.Rejected > 0 && _logger.IsEnabled(LogLevel.Warning))
        {
            var summary = new StringBuilder();
            foreach (var (reason, count) in st.RejectedByReason.OrderByDescending(kv => kv.Value))
            {
                summary.Append(summary.Length == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"{reason} {count}");
            }

            LogRejections(_logger, _server, st.Rejected, summary.ToString());
        }

        if (_faults > 0)
        {
            LogFaultTotal(_logger, _server, _faults);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message =
        "Server {Server} starts training: scheduler {Scheduler}, aggregator {Aggregator}, workload {Workload} ({PayloadKind}), " +
        "{Dimension} parameters on {Backend}, {Clients} clients on {Runner}, seed {Seed}")]
    private static partial void LogStarted(ILogger logger, string server, string scheduler, string aggregator, string workload, UpdatePayloadKind payloadKind, int dimension, string backend, int clients, string runner, long seed);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message =
        "Server {Server} stopped at {Elapsed:0.###} s, model version {Version}: {Dispatched} tasks ({Completed} completed, " +
        "{Dropped} dropped, {TimedOut} timed out, {Cancelled} cancelled, {Abandoned} abandoned); results {Applied} applied, " +
        "{Buffered} buffered, {Rejected} rejected")]
    private static partial void LogStopped(ILogger logger, string server, double elapsed, long version, long dispatched, long completed, long dropped, long timedOut, long cancelled, long abandoned, long applied, long buffered, long rejected);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message =
        "Server {Server}: first result rejected as {Reason} (client {Client}); further rejections are counted and summarised when training stops")]
    private static partial void LogFirstRejection(ILogger logger, string server, RejectionReason reason, int client);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Server {Server}: {Rejected} results rejected: {Summary}")]
    private static partial void LogRejections(ILogger logger, string server, long rejected, string summary);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message =
        "Server {Server}: the work of task {Task} (client {Client}) failed; the task ends as dropped{More}")]
    private static partial void LogFault(ILogger logger, Exception exception, string server, long task, int client, string more);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Server {Server}: {Faults} client tasks failed with an exception in all")]
    private static partial void LogFaultTotal(ILogger logger, string server, long faults);
}
