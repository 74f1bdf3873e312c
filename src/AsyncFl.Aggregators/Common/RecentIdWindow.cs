namespace AsyncFl.Aggregators;

/// <summary>
/// The last <c>capacity</c> accepted update ids: a ring of ids in arrival order plus a hash set. Both are sized once;
/// once full, adding evicts the oldest id, and the set reuses the freed entry, so steady state allocates nothing.
/// Not thread-safe (used under the aggregator's lock).
/// </summary>
internal sealed class RecentIdWindow
{
    private readonly long[] _ring;
    private readonly HashSet<long> _set;
    private int _next;
    private int _count;

    public RecentIdWindow(int capacity)
    {
        _ring = new long[capacity];
        _set = new HashSet<long>(capacity);
    }

    public bool Contains(long id) => _set.Contains(id);

    public void Add(long id)
    {
        if (_count == _ring.Length)
        {
            _set.Remove(_ring[_next]);
        }
        else
        {
            _count++;
        }

        _ring[_next] = id;
        _set.Add(id);
        _next = _next + 1 == _ring.Length ? 0 : _next + 1;
    }

    public void Clear()
    {
        _set.Clear();
        _count = 0;
        _next = 0;
    }
}
