using AsyncFl.Engine;

namespace AsyncFl.Simulation;

/// <summary>
/// Runs <see cref="EngineTask.Execute"/> of in-flight tasks ahead of time on worker threads for the virtual clock
/// (<see cref="SimulationOptions.MaxDegreeOfParallelism"/> &gt; 1). Tasks are computed earliest first-result time
/// first; at most <c>maxAhead</c> computed results exist at once (memory bound). The event thread never applies a
/// result before its task's Execute finished (<see cref="WaitFor"/>, computing it itself when no worker started
/// it), and never recycles a task a worker is still computing (<see cref="Settle"/>). Because Execute reads only the
/// dispatch-time snapshot and the task's own random stream, results are the same as in a serial run.
/// </summary>
internal sealed class ComputePool : IDisposable
{
    private const byte Idle = 0;
    private const byte Queued = 1;
    private const byte Running = 2;
    private const byte Done = 3;

    private readonly object _gate = new();
    private readonly PriorityQueue<(EngineTask Task, TaskKey Key), (double Time, long Sequence)> _pending = new();
    private readonly Thread[] _workers;
    private readonly int _maxAhead;
    private byte[] _state = new byte[16];
    private int _materialized;
    private long _sequence;
    private bool _stopping;
    private int _waiting;
    private long _computedAhead;

    public ComputePool(int degree, int maxAhead)
    {
        _maxAhead = maxAhead;
        _workers = new Thread[degree];
        for (int i = 0; i < degree; i++)
        {
            _workers[i] = new Thread(Work) { IsBackground = true, Name = $"AsyncFl simulator compute {i}" };
            _workers[i].Start();
        }
    }

    /// <summary>Results computed by the workers (not by the event thread).</summary>
    public long ComputedAhead => Interlocked.Read(ref _computedAhead);

    /// <summary>A task was launched: queue its computation (event thread).</summary>
    public void Enqueue(EngineTask task, double firstResultTime)
    {
        lock (_gate)
        {
            int slot = task.Slot;
            if (slot >= _state.Length)
            {
                Array.Resize(ref _state, Math.Max(_state.Length * 2, slot + 1));
            }

            _state[slot] = Queued;
            _pending.Enqueue((task, task.Key), (firstResultTime, _sequence++));
            if (_materialized < _maxAhead)
            {
                Monitor.Pulse(_gate);
            }
        }
    }

    /// <summary>Returns once the task's result is computed (event thread, before delivering it).</summary>
    public void WaitFor(EngineTask task)
    {
        bool inline = false;
        lock (_gate)
        {
            int slot = task.Slot;
            if (_state[slot] == Queued)
            {
                _state[slot] = Running;
                _materialized++;
                inline = true;
            }
            else
            {
                WaitWhileRunning(slot);
            }
        }

        if (inline)
        {
            try
            {
                task.Execute();
            }
            finally
            {
                lock (_gate)
                {
                    _state[task.Slot] = Done;
                }
            }
        }
    }

    /// <summary>The runner is about to release the task: no worker may touch it afterwards (event thread).</summary>
    public void Settle(EngineTask task)
    {
        lock (_gate)
        {
            int slot = task.Slot;
            if (slot >= _state.Length)
            {
                return;
            }

            WaitWhileRunning(slot);
            if (_state[slot] == Done)
            {
                _materialized--;
                Monitor.Pulse(_gate);
            }

            _state[slot] = Idle;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        foreach (var worker in _workers)
        {
            worker.Join();
        }
    }

    private void WaitWhileRunning(int slot)
    {
        while (_state[slot] == Running)
        {
            _waiting++;
            Monitor.Wait(_gate);
            _waiting--;
        }
    }

    private void Work()
    {
        while (true)
        {
            EngineTask task;
            lock (_gate)
            {
                while (true)
                {
                    if (_stopping)
                    {
                        return;
                    }

                    if (_materialized < _maxAhead && _pending.TryDequeue(out var entry, out _))
                    {
                        // Skip stale entries (the task was settled, or the slot carries another task now).
                        if (entry.Task.Key != entry.Key || _state[entry.Task.Slot] != Queued)
                        {
                            continue;
                        }

                        task = entry.Task;
                        _state[task.Slot] = Running;
                        _materialized++;
                        break;
                    }

                    Monitor.Wait(_gate);
                }
            }

            bool ok = false;
            try
            {
                task.Execute();
                ok = true;
            }
#pragma warning disable CA1031 // The event thread re-runs a failed task inline, so the exception surfaces there, in order.
            catch (Exception)
            {
            }
#pragma warning restore CA1031
            finally
            {
                lock (_gate)
                {
                    if (ok)
                    {
                        _state[task.Slot] = Done;
                        _computedAhead++;
                    }
                    else
                    {
                        _state[task.Slot] = Queued; // not in _pending any more: WaitFor runs it inline and throws there
                        _materialized--;
                    }

                    if (_waiting > 0)
                    {
                        Monitor.PulseAll(_gate);
                    }
                }
            }
        }
    }
}
