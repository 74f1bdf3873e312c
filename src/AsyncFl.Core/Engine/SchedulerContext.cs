namespace AsyncFl.Engine;

/// <summary>
/// The face the scheduler sees (<see cref="ISchedulerContext"/>): what it may read and do during a callback. It also
/// holds the exactly-once rule for results: the result being delivered is decided (accepted or discarded) once, and
/// one left undecided is discarded and counted by the server.
/// </summary>
internal sealed class SchedulerContext(FederatedServer server) : ISchedulerContext
{
    private EngineTask? _current;
    private int _currentUpload;
    private bool _decided;

    public double Now => server.Now;

    public ModelVersion Version => server.Model.Version;

    public GlobalModel Model => server.Model;

    public int ClientCount => server.ClientCount;

    public RandomSource Random => server.Random;

    public int InFlightCount => server.InFlightCount;

    public IReadOnlyCollection<TaskInfo> InFlight => server.InFlight;

    public bool IsAvailable(int clientId) => server.Roster.Contains(clientId) && server.RunnerOrThrow.IsAvailable(clientId);

    public bool IsBusy(int clientId) => server.Roster.IsBusy(clientId);

    public bool TryPickIdleClient(out int clientId)
    {
        clientId = server.Roster.PickIdle(server.Random, server.RunnerOrThrow);
        return clientId >= 0;
    }

    public TaskHandle Dispatch(in TaskRequest request) => server.Dispatch(in request);

    public bool Cancel(TaskHandle task) => server.Cancel(task);

    public AggregationOutcome Accept(in TaskResult result, in SubmitOptions options)
    {
        Decide(in result);
        var before = server.Model.Version;
        var outcome = server.Aggregator.Submit(result.Update, in options);
        if (outcome.Accepted)
        {
            server.Recorder.RecordAccepted(outcome.Disposition, result.Staleness, result.Task.ClientId);
        }
        else
        {
            server.RecordRejected(outcome.Reason == RejectionReason.None ? RejectionReason.InvalidOptions : outcome.Reason, result.Task.ClientId);
        }

        server.Recorder.RecordServerSteps(server.Model.Version.Value - before.Value, server.Now, fromFlush: false);
        return outcome;
    }

    public void Discard(in TaskResult result, RejectionReason reason)
    {
        Decide(in result);
        server.RecordRejected(reason == RejectionReason.None ? RejectionReason.DiscardedByScheduler : reason, result.Task.ClientId);
    }

    public AggregationOutcome Flush(in FlushOptions options)
    {
        var before = server.Model.Version;
        var outcome = server.Aggregator.Flush(in options);
        server.Recorder.RecordServerSteps(server.Model.Version.Value - before.Value, server.Now, fromFlush: true);
        return outcome;
    }

    public void SetTimer(double delaySeconds, long tag) => server.SetTimer(delaySeconds, tag);

    public void RequestStop() => server.StopRequested = true;

    /// <summary>The result of <paramref name="task"/>'s upload <paramref name="upload"/> is about to be judged.</summary>
    internal void BeginDecision(EngineTask task, int upload)
    {
        _current = task;
        _currentUpload = upload;
        _decided = false;
    }

    /// <summary>The scheduler returned; true when it left the result undecided.</summary>
    internal bool EndDecision()
    {
        bool undecided = !_decided;
        _decided = true;
        _current = null;
        return undecided;
    }

    private void Decide(in TaskResult result)
    {
        if (_current is null || _decided || !ReferenceEquals(result.Task, _current.Info) || result.UploadIndex != _currentUpload)
        {
            EngineErrors.ThrowNotCurrent();
        }

        _decided = true;
    }
}
