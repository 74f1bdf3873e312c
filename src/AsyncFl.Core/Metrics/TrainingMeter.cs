using System.Diagnostics.Metrics;

namespace AsyncFl.Metrics;

/// <summary>
/// The names of the <see cref="System.Diagnostics.Metrics"/> instruments an AsyncFl server publishes, following the
/// OpenTelemetry conventions (dotted lower-case names, durations in seconds named <c>*.duration</c>, one instrument per
/// quantity with the partition in an attribute). Every server has its own <see cref="Meter"/> named <see cref="Name"/>
/// whose meter tag <see cref="ServerTag"/> carries the server's name, so two servers in one process can be told
/// apart. Listen with a <see cref="MeterListener"/>, <c>dotnet-counters monitor --counters AsyncFl</c> or OpenTelemetry.
/// </summary>
public static class TrainingMeter
{
    /// <summary>The meter's name: <c>"AsyncFl"</c>.</summary>
    public const string Name = "AsyncFl";

    /// <summary>The meter tag holding the server's name (<see cref="FederatedServerBuilder.WithName"/>).</summary>
    public const string ServerTag = "asyncfl.server";

    /// <summary>Counter ({task}): tasks dispatched.</summary>
    public const string TasksDispatched = "asyncfl.tasks.dispatched";

    /// <summary>Counter ({task}): tasks that ended, attribute <see cref="EndReasonTag"/>; with <see cref="TasksDispatched"/>
    /// it rebuilds the exactly-once accounting (dispatched = Σ ended + in flight).</summary>
    public const string TasksEnded = "asyncfl.tasks.ended";

    /// <summary>Up-down counter ({task}): tasks in flight.</summary>
    public const string TasksInFlight = "asyncfl.tasks.in_flight";

    /// <summary>Counter ({update}): delivered results, attribute <see cref="OutcomeTag"/> (and <see cref="RejectionReasonTag"/>
    /// for rejections): every result is counted once.</summary>
    public const string Updates = "asyncfl.updates";

    /// <summary>Counter ({step}): server steps (model version increments).</summary>
    public const string ServerSteps = "asyncfl.server.steps";

    /// <summary>Histogram ({version}): staleness of accepted updates.</summary>
    public const string Staleness = "asyncfl.update.staleness";

    /// <summary>Histogram (s): dispatch to end of every ended task, attribute <see cref="EndReasonTag"/> (the client latency
    /// of the statistics is the <c>completed</c> part).</summary>
    public const string TaskDuration = "asyncfl.task.duration";

    /// <summary>Histogram (s): time from one server step to the next (the first from the start).</summary>
    public const string StepInterval = "asyncfl.server.step.interval";

    /// <summary>Histogram (s): duration of a round, from one flush that changed the model to the next.</summary>
    public const string RoundDuration = "asyncfl.round.duration";

    /// <summary>Attribute of <see cref="TasksEnded"/> and <see cref="TaskDuration"/>: <c>completed</c>, <c>cancelled</c>,
    /// <c>timed_out</c>, <c>dropped</c> or <c>abandoned</c>.</summary>
    public const string EndReasonTag = "asyncfl.task.end_reason";

    /// <summary>Attribute of <see cref="Updates"/>: <c>applied</c>, <c>buffered</c> or <c>rejected</c>.</summary>
    public const string OutcomeTag = "asyncfl.update.outcome";

    /// <summary>Attribute of rejected <see cref="Updates"/>: the <see cref="RejectionReason"/> in snake case (e.g. <c>too_stale</c>).</summary>
    public const string RejectionReasonTag = "asyncfl.update.rejection_reason";

    /// <summary>The attribute value of an end reason (<c>timed_out</c> for <see cref="TaskEndReason.TimedOut"/>).</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The snake-case name.</returns>
    public static string EndReasonName(TaskEndReason reason) => Names.Of(reason);

    /// <summary>The attribute value of a rejection reason (<c>too_stale</c> for <see cref="RejectionReason.TooStale"/>).</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The snake-case name.</returns>
    public static string RejectionReasonName(RejectionReason reason) => Names.Of(reason);

    private static class Names
    {
        private static readonly string[] EndReasons = [.. Enum.GetNames<TaskEndReason>().Select(SnakeCase)];
        private static readonly string[] Reasons = [.. Enum.GetNames<RejectionReason>().Select(SnakeCase)];

        public static string Of(TaskEndReason reason) => (uint)reason < (uint)EndReasons.Length ? EndReasons[(int)reason] : "unknown";

        public static string Of(RejectionReason reason) => (uint)reason < (uint)Reasons.Length ? Reasons[(int)reason] : "unknown";

        private static string SnakeCase(string name)
        {
            var b = new System.Text.StringBuilder(name.Length + 4);
            for (int i = 0; i < name.Length; i++)
            {
                if (char.IsUpper(name[i]) && i > 0)
                {
                    b.Append('_');
                }

                b.Append(char.ToLowerInvariant(name[i]));
            }

            return b.ToString();
        }
    }
}
