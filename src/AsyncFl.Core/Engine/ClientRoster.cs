namespace AsyncFl.Engine;

/// <summary>
/// The clients and what each is doing: busy or idle (and then available or not, as the runner says), the task of a
/// busy client, and a uniform draw among the idle, available clients in O(1) expected time.
/// </summary>
/// <remarks>
/// Busy flags are a bitset: the uniform draw tests random clients, and at n = 10⁶ the bitset (125 kB) stays in cache
/// where the array of task references (8 MB) would cost a cache miss per test; that array is written, not read, on
/// the hot path. The dense set of idle clients is kept only from the first draw that needed it (when random probing
/// found none), so fleets whose schedulers never draw pay nothing for it.
/// </remarks>
internal sealed class ClientRoster
{
    private const int ProbeAttempts = 64;
    private const int IdleAttempts = 16;

    private readonly EngineTask?[] _taskOf;
    private readonly ulong[] _busy;
    private int[]? _idle;
    private int[]? _idlePosition; // client → index in _idle, or −1 while busy
    private int _idleCount;
    private int _busyCount;

    public ClientRoster(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _taskOf = new EngineTask?[count];
        _busy = new ulong[(count + 63) >> 6];
    }

    public int Count => _taskOf.Length;

    public int BusyCount => _busyCount;

    public bool Contains(int client) => (uint)client < (uint)_taskOf.Length;

    public bool IsBusy(int client) => Contains(client) && (_busy[client >> 6] & (1UL << client)) != 0;

    public EngineTask? TaskOf(int client) => Contains(client) ? _taskOf[client] : null;

    public void Occupy(int client, EngineTask task)
    {
        System.Diagnostics.Debug.Assert(!IsBusy(client), "A busy client cannot take a second task.");
        _taskOf[client] = task;
        _busy[client >> 6] |= 1UL << client;
        _busyCount++;
        if (_idle is not null)
        {
            RemoveIdle(client);
        }
    }

    public void Free(int client)
    {
        System.Diagnostics.Debug.Assert(IsBusy(client), "Only a busy client can be freed.");
        _taskOf[client] = null;
        _busy[client >> 6] &= ~(1UL << client);
        _busyCount--;
        if (_idle is not null)
        {
            AddIdle(client);
        }
    }

    /// <summary>
    /// A client drawn uniformly among the idle ones that <paramref name="available"/> accepts, or −1: random probes of
    /// all clients first (exactly uniform on the eligible set; O(1) while most clients are idle), then draws among the
    /// idle set, then one pass of reservoir sampling over it.
    /// </summary>
    public int PickIdle(Random random, ITaskRunner available)
    {
        int n = _taskOf.Length;
        if (_busyCount >= n)
        {
            return -1;
        }

        for (int attempt = 0; attempt < ProbeAttempts; attempt++)
        {
            int c = random.Next(n);
            if (!IsBusy(c) && available.IsAvailable(c))
            {
                return c;
            }
        }

        EnsureIdleSet();
        for (int attempt = 0; attempt < IdleAttempts && _idleCount > 0; attempt++)
        {
            int c = _idle![random.Next(_idleCount)];
            if (available.IsAvailable(c))
            {
                return c;
            }
        }

        int chosen = -1;
        int seen = 0;
        for (int i = 0; i < _idleCount; i++)
        {
            int c = _idle![i];
            if (available.IsAvailable(c))
            {
                seen++;
                if (random.Next(seen) == 0)
                {
                    chosen = c;
                }
            }
        }

        return chosen;
    }

    private void EnsureIdleSet()
    {
        if (_idle is not null)
        {
            return;
        }

        _idle = new int[_taskOf.Length];
        _idlePosition = new int[_taskOf.Length];
        _idleCount = 0;
        for (int c = 0; c < _taskOf.Length; c++)
        {
            if (_taskOf[c] is null)
            {
                _idlePosition[c] = _idleCount;
                _idle[_idleCount++] = c;
            }
            else
            {
                _idlePosition[c] = -1;
            }
        }
    }

    private void RemoveIdle(int client)
    {
        int pos = _idlePosition![client];
        if (pos < 0)
        {
            return;
        }

        int last = _idle![--_idleCount];
        _idle[pos] = last;
        _idlePosition[last] = pos;
        _idlePosition[client] = -1;
    }

    private void AddIdle(int client)
    {
        if (_idlePosition![client] >= 0)
        {
            return;
        }

        _idlePosition[client] = _idleCount;
        _idle![_idleCount++] = client;
    }
}
