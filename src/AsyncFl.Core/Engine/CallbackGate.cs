namespace AsyncFl.Engine;

/// <summary>
/// Keeps the scheduler from being re-entered: every entry point of the server runs between <see cref="Enter"/> and
/// <see cref="Exit"/>; task ends queued meanwhile (a cancel inside a callback ends a task at once) reach
/// <see cref="IScheduler.OnTaskEnded"/> only when the outermost entry exits, and task objects ended or released
/// during the entry are recycled then, never while a callback may still see them.
/// </summary>
internal sealed class CallbackGate(Action<TaskEnded> deliver, Action<EngineTask> recycle)
{
    private readonly Queue<TaskEnded> _ends = new();
    private readonly List<EngineTask> _pending = [];
    private int _depth;

    /// <summary>Enters; the returned scope exits when disposed (<c>using (gate.Enter()) { … }</c>).</summary>
    public Scope Enter()
    {
        _depth++;
        return new Scope(this);
    }

    public void QueueEnd(in TaskEnded ended) => _ends.Enqueue(ended);

    public void DropQueuedEnds() => _ends.Clear();

    /// <summary>Recycles <paramref name="task"/> at the outermost exit if the runner released it by then.</summary>
    public void MarkPending(EngineTask task)
    {
        if (!task.PendingRemoval)
        {
            task.PendingRemoval = true;
            _pending.Add(task);
        }
    }

    private void Exit()
    {
        if (_depth > 1)
        {
            _depth--;
            return;
        }

        try
        {
            while (_ends.Count > 0)
            {
                deliver(_ends.Dequeue());
            }

            foreach (var task in _pending)
            {
                task.PendingRemoval = false;
                if (task.RunnerReleased)
                {
                    recycle(task);
                }
            }

            _pending.Clear();
        }
        finally
        {
            _depth--;
        }
    }

    public readonly struct Scope(CallbackGate gate) : IDisposable
    {
        public void Dispose() => gate.Exit();
    }
}
