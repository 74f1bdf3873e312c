namespace AsyncFl.Testing;

/// <summary>The context a <see cref="RecordingScheduler"/> hands its inner scheduler: forwards every call and records it.</summary>
internal sealed class RecordingContext(ISchedulerContext inner, RecordingScheduler recorder) : ISchedulerContext
{
    public double Now => inner.Now;

    public ModelVersion Version => inner.Version;

    public GlobalModel Model => inner.Model;

    public int ClientCount => inner.ClientCount;

    public RandomSource Random => inner.Random;

    public int InFlightCount => inner.InFlightCount;

    public IReadOnlyCollection<TaskInfo> InFlight => inner.InFlight;

    public bool IsAvailable(int clientId) => inner.IsAvailable(clientId);

    public bool IsBusy(int clientId) => inner.IsBusy(clientId);

    public bool TryPickIdleClient(out int clientId) => inner.TryPickIdleClient(out clientId);

    public TaskHandle Dispatch(in TaskRequest request)
    {
        var handle = inner.Dispatch(in request);
        recorder.RecordDispatch(handle.Id);
        return handle;
    }

    public bool Cancel(TaskHandle task) => inner.Cancel(task);

    public AggregationOutcome Accept(in TaskResult result, in SubmitOptions options)
    {
        var outcome = inner.Accept(in result, in options);
        recorder.RecordDecision(in result, outcome);
        recorder.RecordVersion(inner.Version.Value);
        return outcome;
    }

    public void Discard(in TaskResult result, RejectionReason reason)
    {
        inner.Discard(in result, reason);
        recorder.RecordDecision(in result, null);
    }

    public AggregationOutcome Flush(in FlushOptions options)
    {
        var outcome = inner.Flush(in options);
        recorder.RecordVersion(inner.Version.Value);
        return outcome;
    }

    public void SetTimer(double delaySeconds, long tag) => inner.SetTimer(delaySeconds, tag);

    public void RequestStop() => inner.RequestStop();
}
