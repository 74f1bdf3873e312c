using System.Runtime.CompilerServices;

namespace AsyncFl.Simulation;

/// <summary>
/// The virtual clock's event queue: a 4-ary min-heap of 24-byte entries ordered by (time, sequence number), the
/// sequence making ties FIFO and the order deterministic. The pop is split in two (<see cref="BeginPop"/> …
/// <see cref="EndPop"/>) so that the first event pushed while handling the popped one takes the root's place with a
/// single sift-down (the common "one event in, one event out" case costs one sift instead of two).
/// </summary>
internal sealed class EventHeap
{
    private Entry[] _items = new Entry[64];
    private int _count;
    private long _sequence;
    private bool _rootFree;

    /// <summary>Entries held (a root being popped counts until it is replaced or removed).</summary>
    public int Count => _count;

    /// <summary>The time of the earliest entry (<see cref="Count"/> must be &gt; 0).</summary>
    public double TopTime => _items[0].Time;

    /// <summary>Starts popping the earliest entry: returns its payload; its slot is reused by the next push.</summary>
    public ulong BeginPop()
    {
        _rootFree = true;
        return _items[0].Payload;
    }

    /// <summary>Finishes the pop started by <see cref="BeginPop"/> (removes the root unless a push replaced it).</summary>
    public void EndPop()
    {
        if (!_rootFree)
        {
            return;
        }

        _rootFree = false;
        int last = --_count;
        if (last > 0)
        {
            SiftDown(_items[last]);
        }

        _items[last] = default;
    }

    /// <summary>Adds an event.</summary>
    /// <param name="time">Its time.</param>
    /// <param name="payload">Its packed payload.</param>
    public void Push(double time, ulong payload)
    {
        var entry = new Entry(time, _sequence++, payload);
        if (_rootFree)
        {
            _rootFree = false;
            SiftDown(entry);
            return;
        }

        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        int i = _count++;
        var items = _items;
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            if (!Less(in entry, in items[parent]))
            {
                break;
            }

            items[i] = items[parent];
            i = parent;
        }

        items[i] = entry;
    }

    // Places `entry` at the root and sifts it down among the first _count entries.
    private void SiftDown(Entry entry)
    {
        var items = _items;
        int n = _count;
        int i = 0;
        while (true)
        {
            int first = (i << 2) + 1;
            if (first >= n)
            {
                break;
            }

            int best = first;
            int end = Math.Min(first + 4, n);
            for (int c = first + 1; c < end; c++)
            {
                if (Less(in items[c], in items[best]))
                {
                    best = c;
                }
            }

            if (!Less(in items[best], in entry))
            {
                break;
            }

            items[i] = items[best];
            i = best;
        }

        items[i] = entry;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in Entry a, in Entry b) => a.Time < b.Time || (a.Time == b.Time && a.Sequence < b.Sequence);

    private readonly record struct Entry(double Time, long Sequence, ulong Payload);
}
