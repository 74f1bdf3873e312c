namespace AsyncFl.Engine;

/// <summary>
/// The pooled task objects, one per slot (slots are 0, 1, 2, … and never shrink: their number is the most tasks ever
/// alive at once). A task is found from its <see cref="TaskKey"/> in O(1): the slot, then the generation check.
/// </summary>
internal sealed class TaskTable(TaskExecutor executor, SnapshotPool snapshots, ResultPool results) : IDisposable
{
    private readonly List<EngineTask> _bySlot = [];
    private readonly Stack<EngineTask> _free = new();

    /// <summary>Every slot's task object (live or pooled), by slot.</summary>
    public List<EngineTask> Slots => _bySlot;

    /// <summary>A task object for a new task (a recycled one, or a new slot).</summary>
    public EngineTask Rent()
    {
        if (_free.Count > 0)
        {
            return _free.Pop();
        }

        var task = new EngineTask(executor, _bySlot.Count);
        _bySlot.Add(task);
        return task;
    }

    /// <summary>Puts a task object back in the pool, with its base snapshot and result buffer (the runner released it
    /// and the server is done with it).</summary>
    public void Return(EngineTask task)
    {
        if (task.BaseSnapshot is { } snapshot)
        {
            task.BaseSnapshot = null;
            snapshots.Release(snapshot);
        }

        if (task.Result is { } result)
        {
            task.Result = null;
            results.Return(result);
        }

        task.Recycle();
        _free.Push(task);
    }

    /// <summary>Frees the result buffers the task objects still hold (the pools free their own).</summary>
    public void Dispose()
    {
        foreach (var task in _bySlot)
        {
            task.Result?.Payload.Dispose();
            task.Result = null;
        }
    }

    /// <summary>The live task under <paramref name="key"/>, or null (unknown slot, ended task, slot since reused).</summary>
    public EngineTask? Find(TaskKey key)
    {
        if ((uint)key.Slot >= (uint)_bySlot.Count)
        {
            return null;
        }

        var task = _bySlot[key.Slot];
        return task.Key == key && task.IsLive ? task : null;
    }

    /// <summary>The live task of <paramref name="handle"/>: by its key when it came from a dispatch (O(1)), else by id
    /// (a handle built from an id: one pass over the slots).</summary>
    public EngineTask? Find(TaskHandle handle)
    {
        var byKey = Find(handle.Key);
        if (byKey is not null && byKey.Id == handle.Id)
        {
            return byKey;
        }

        foreach (var task in _bySlot)
        {
            if (task.Id == handle.Id && task.IsLive)
            {
                return task;
            }
        }

        return null;
    }
}
