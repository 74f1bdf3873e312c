namespace AsyncFl.Engine;

/// <summary>
/// Result buffers (a <see cref="ClientUpdate"/> around a d-sized vector) for tasks whose work is computed: rented when a
/// task executes (on any thread), returned when the task is recycled (event thread). Thread-safe.
/// </summary>
internal sealed class ResultPool(GlobalModel model) : IDisposable
{
    private readonly Stack<ClientUpdate> _free = new();
    private readonly Lock _gate = new();

    public ClientUpdate Rent()
    {
        lock (_gate)
        {
            if (_free.Count > 0)
            {
                return _free.Pop();
            }
        }

        return new ClientUpdate(model.Backend.Allocate(model.Dimension));
    }

    public void Return(ClientUpdate update)
    {
        lock (_gate)
        {
            _free.Push(update);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            while (_free.Count > 0)
            {
                _free.Pop().Payload.Dispose();
            }
        }
    }
}
