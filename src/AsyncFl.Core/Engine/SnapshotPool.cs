namespace AsyncFl.Engine;

/// <summary>
/// Copies of the global model for the tasks dispatched at each version: one copy per version however many tasks start
/// from it (reference counted), the latest kept until the model moves on, freed copies reused. Event thread only.
/// </summary>
internal sealed class SnapshotPool(GlobalModel model) : IDisposable
{
    private readonly Stack<Snapshot> _free = new();
    private Snapshot? _latest; // holds one reference while it is the current version's copy

    /// <summary>The snapshot of the model at its current version, with one more reference.</summary>
    public Snapshot Acquire()
    {
        long version = model.Version.Value;
        if (_latest is null || _latest.Version != version)
        {
            if (_latest is not null)
            {
                Release(_latest);
            }

            var snapshot = _free.Count > 0 ? _free.Pop() : new Snapshot(model.Backend.Allocate(model.Dimension));
            model.Backend.Copy(model.Parameters, snapshot.Vector);
            snapshot.Version = version;
            snapshot.References = 1;
            _latest = snapshot;
        }

        _latest.References++;
        return _latest;
    }

    /// <summary>Drops one reference; the copy is reused once nobody holds it.</summary>
    public void Release(Snapshot snapshot)
    {
        System.Diagnostics.Debug.Assert(snapshot.References > 0, "A snapshot was released more often than acquired.");
        if (--snapshot.References == 0)
        {
            snapshot.Version = -1;
            _free.Push(snapshot);
        }
    }

    public void Dispose()
    {
        while (_free.Count > 0)
        {
            _free.Pop().Vector.Dispose();
        }

        _latest?.Vector.Dispose();
        _latest = null;
    }
}
