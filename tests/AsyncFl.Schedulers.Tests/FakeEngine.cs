
using AsyncFl.Backends;

namespace AsyncFl.Schedulers.Tests;
/// <summary>
/// A tiny deterministic event-driven stand-in for the engine, written for these tests: client i needs
/// <c>Duration(i, taskId)</c> seconds per task; results arrive at the end of the task (one per upload), then the task
/// ends; cancellations and time-outs end tasks lazily. Aggregation is a counter: a buffer of <see cref="BufferSize"/>
/// (1 = immediate) that bumps the version when full or flushed.
/// </summary>
internal sealed class FakeEngine : ISchedulerContext
{
    private readonly IScheduler _scheduler;
    private readonly PriorityQueue<Event, (double Time, long Seq)> _queue = new();
    private readonly Dictionary<long, TaskInfo> _inFlight = [];
    private readonly bool[] _busy;
    private long _seq;
    private long _nextTask;
    private long _version;
    private int _buffered;
    private readonly ClientUpdate _update;

    public FakeEngine(IScheduler scheduler, int clients, Func<int, long, double> duration, int bufferSize = 1, int dimension = 4, long seed = 1)
    {
        _scheduler = scheduler;
        ClientCount = clients;
        Duration = duration;
        BufferSize = bufferSize;
        Available = Enumerable.Repeat(true, clients).ToArray();
        _busy = new bool[clients];
        Model = GlobalModel.Create(CpuParameterBackend.Instance, new float[dimension]);
        Random = new RandomSource(seed);
        _update = new ClientUpdate(CpuParameterBackend.Instance.Allocate(dimension));
    }

    public Func<int, long, double> Duration { get; }

    public int BufferSize { get; }

    public bool[] Available { get; }

    public List<Accepted> AcceptedLog { get; } = [];

    public List<(TaskInfo Task, RejectionReason Reason, long Staleness)> DiscardLog { get; } = [];

    public List<double> FlushLog { get; } = [];

    public List<TaskInfo> DispatchLog { get; } = [];

    public List<TaskEnded> EndLog { get; } = [];

    public long CancelCount { get; private set; }

    public double Now { get; private set; }

    public ModelVersion Version => new(_version);

    public GlobalModel Model { get; }

    public int ClientCount { get; }

    public RandomSource Random { get; }

    public int InFlightCount => _inFlight.Count;

    public IReadOnlyCollection<TaskInfo> InFlight => _inFlight.Values;

    public bool IsAvailable(int clientId) => Available[clientId];

    public bool IsBusy(int clientId) => _busy[clientId];

    public bool TryPickIdleClient(out int clientId)
    {
        // One reservoir-sampling pass: uniform among the idle, available clients.
        clientId = -1;
        int seen = 0;
        for (int c = 0; c < ClientCount; c++)
        {
            if (!_busy[c] && Available[c] && Random.Next(++seen) == 0)
            {
                clientId = c;
            }
        }

        return clientId >= 0;
    }

    public TaskHandle Dispatch(in TaskRequest request)
    {
        int c = request.ClientId;
        if (c < 0 || c >= ClientCount || _busy[c] || !Available[c])
        {
            throw new InvalidOperationException($"client {c} cannot be dispatched");
        }

        var handle = new TaskHandle(_nextTask++);
        var info = new TaskInfo(handle, request, Version, Now);
        _inFlight[handle.Id] = info;
        _busy[c] = true;
        DispatchLog.Add(info);
        double d = Duration(c, handle.Id);
        if (request.TimeLimitSeconds < d)
        {
            Push(Now + request.TimeLimitSeconds, new Event(info, -1, TaskEndReason.TimedOut));
        }
        else
        {
            for (int u = 0; u < request.Uploads; u++)
            {
                Push(Now + d, new Event(info, u, TaskEndReason.Completed));
            }

            Push(Now + d, new Event(info, -1, TaskEndReason.Completed));
        }

        return handle;
    }

    public bool Cancel(TaskHandle task)
    {
        if (!_inFlight.TryGetValue(task.Id, out var info))
        {
            return false;
        }

        _inFlight.Remove(task.Id);
        CancelCount++;
        Push(Now, new Event(info, -2, TaskEndReason.Cancelled));
        return true;
    }

    public AggregationOutcome Accept(in TaskResult result, in SubmitOptions options)
    {
        AcceptedLog.Add(new Accepted(result.Task, result.Staleness, options.Weight, options.LearningRate, result.ArrivalTime));
        _buffered++;
        if (_buffered >= BufferSize)
        {
            Apply();
            return new AggregationOutcome(UpdateDisposition.Applied, RejectionReason.None, Version, AcceptedLog.Count - 1, result.Staleness, options.Weight);
        }

        return new AggregationOutcome(UpdateDisposition.Buffered, RejectionReason.None, Version, AcceptedLog.Count - 1, result.Staleness, options.Weight);
    }

    public void Discard(in TaskResult result, RejectionReason reason) => DiscardLog.Add((result.Task, reason, result.Staleness));

    public AggregationOutcome Flush(in FlushOptions options)
    {
        FlushLog.Add(options.Normalizer);
        if (_buffered == 0)
        {
            return new AggregationOutcome(UpdateDisposition.Nothing, RejectionReason.None, Version, -1, 0, 0);
        }

        Apply();
        return new AggregationOutcome(UpdateDisposition.Applied, RejectionReason.None, Version, -1, 0, 0);
    }

    public void SetTimer(double delaySeconds, long tag) => throw new NotSupportedException();

    public void RequestStop() => Stopped = true;

    public bool Stopped { get; private set; }

    /// <summary>Sets a client's availability and tells the scheduler when it comes online.</summary>
    public void SetAvailable(int client, bool available)
    {
        Available[client] = available;
        if (available)
        {
            _scheduler.OnClientAvailable(this, client);
        }
    }

    public void Start() => _scheduler.OnStart(this);

    /// <summary>Processes events until <paramref name="until"/> seconds or <paramref name="maxEvents"/> events.</summary>
    public void Run(double until = double.PositiveInfinity, int maxEvents = 100_000)
    {
        for (int k = 0; k < maxEvents && !Stopped && _queue.TryPeek(out _, out var key) && key.Time <= until; k++)
        {
            var e = _queue.Dequeue();
            Now = key.Time;
            var info = e.Task;
            if (e.Upload >= 0)
            {
                if (!_inFlight.ContainsKey(info.Handle.Id))
                {
                    continue;
                }

                _update.ClientId = info.ClientId;
                _update.BaseVersion = info.BaseVersion;
                _update.TaskId = info.Handle.Id;
                var result = new TaskResult(info, e.Upload, _update, _version - info.BaseVersion.Value, Now);
                _scheduler.OnResult(this, result);
                continue;
            }

            if (e.Upload == -1)
            {
                if (!_inFlight.Remove(info.Handle.Id))
                {
                    continue; // cancelled earlier
                }
            }

            _busy[info.ClientId] = false;
            var ended = new TaskEnded(info, e.Reason, Now, e.Reason == TaskEndReason.Completed ? info.Request.Uploads : 0);
            EndLog.Add(ended);
            _scheduler.OnTaskEnded(this, ended);
        }
    }

    private void Apply()
    {
        _version++;
        _buffered = 0;
    }

    private void Push(double time, Event e) => _queue.Enqueue(e, (time, _seq++));

    private readonly record struct Event(TaskInfo Task, int Upload, TaskEndReason Reason);

    internal readonly record struct Accepted(TaskInfo Task, long Staleness, double Weight, double LearningRate, double Time);
}
