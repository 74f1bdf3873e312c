namespace AsyncFl.Engine;

/// <summary>
/// The server's timers on the runner's clock, as the opaque cookies <see cref="ITaskRunner.SetTimer"/> carries:
/// a scheduler timer is a cookie ≥ 0 that maps to the scheduler's tag; a task's time limit is <c>−1 − key</c>
/// (<see cref="TaskKey.Packed"/> &lt; 2⁶², so it fits), which finds the task without a table and goes stale by itself
/// once the task ends.
/// </summary>
internal sealed class TaskTimers
{
    private readonly Dictionary<long, long> _tags = [];
    private long _next;

    public static long DeadlineCookie(TaskKey key) => -1 - (long)key.Packed;

    public long SchedulerCookie(long tag)
    {
        long cookie = _next++;
        _tags[cookie] = tag;
        return cookie;
    }

    /// <summary>What a fired cookie means: a task's deadline (<paramref name="deadline"/>) or a scheduler tag.</summary>
    /// <returns>True for a scheduler timer still pending (its tag in <paramref name="tag"/>).</returns>
    public bool Resolve(long cookie, out TaskKey deadline, out long tag)
    {
        deadline = default;
        tag = 0;
        if (cookie < 0)
        {
            deadline = TaskKey.Unpack((ulong)(-(cookie + 1)));
            return false;
        }

        return _tags.Remove(cookie, out tag);
    }
}
