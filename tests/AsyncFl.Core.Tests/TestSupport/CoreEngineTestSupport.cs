using AsyncFl.Backends;

namespace AsyncFl.Core.Tests.TestSupport;

/// <summary>A minimal immediate SGD aggregator (x ← x − γ·g), enough to drive the engine in Core tests.</summary>
internal sealed class TinySgdAggregator(GlobalModel model, double lr) : IAggregator
{
    private readonly object _gate = new();
    private readonly (AggregatorCounters Counters, AggregatorCounterWriter Writer) _counters = NewCounters();

    public string Name => "TinySGD";

    public GlobalModel Model => model;

    public int PendingCount => 0;

    public AggregatorCounters Counters => _counters.Counters;

    public bool SupportsPayloadKind(UpdatePayloadKind kind) => kind == UpdatePayloadKind.Gradient;

    public AggregationOutcome Submit(ClientUpdate update, in SubmitOptions options)
    {
        lock (_gate)
        {
            long staleness = model.Version.StalenessOf(update.BaseVersion);
            if (staleness < 0)
            {
                _counters.Writer.CountRejected(RejectionReason.FutureVersion);
                return AggregationOutcome.Rejected(RejectionReason.FutureVersion, model.Version, staleness);
            }

            model.Backend.AddScaled(model.Parameters, update.Payload, (float)-lr);
            var v = model.BumpVersion();
            _counters.Writer.CountApplied();
            _counters.Writer.CountServerStep();
            return new AggregationOutcome(UpdateDisposition.Applied, RejectionReason.None, v, v.Value - 1, staleness, lr);
        }
    }

    public AggregationOutcome Flush(in FlushOptions options) => new(UpdateDisposition.Nothing, RejectionReason.None, model.Version, -1, 0, 0);

    public void Dispose()
    {
    }

    private static (AggregatorCounters, AggregatorCounterWriter) NewCounters() => (AggregatorCounters.Create(out var writer), writer);
}

/// <summary>f(x) = ½‖x‖²; the client returns the gradient x.</summary>
internal sealed class IdentityQuadratic(int dimension) : IClientWorkload
{
    public int Dimension => dimension;

    public UpdatePayloadKind PayloadKind => UpdatePayloadKind.Gradient;

    public static double Loss(FederatedServer s)
    {
        var x = s.Model.Parameters.ToArray();
        return 0.5 * x.Sum(v => (double)v * v);
    }

    public void Execute(in ClientWork work, ParameterVector baseModel, ClientUpdate update, RandomSource random) =>
        baseModel.Backend.Copy(baseModel, update.Payload);
}

/// <summary>Dispatches one task to client 0 per round and flushes when it ends: the synchronous baseline for Core tests.</summary>
internal sealed class OneClientRoundsScheduler : IScheduler
{
    public string Name => "OneClientRounds";

    public void OnStart(ISchedulerContext context) => context.Dispatch(new TaskRequest(0));

    public void OnResult(ISchedulerContext context, in TaskResult result) => context.Accept(in result, SubmitOptions.Default);

    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        context.Flush(FlushOptions.Default);
        context.Dispatch(new TaskRequest(0));
    }

    public void OnClientAvailable(ISchedulerContext context, int clientId)
    {
    }

    public void OnTimer(ISchedulerContext context, long tag)
    {
    }
}
