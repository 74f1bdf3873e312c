using AsyncFl.Aggregators;

namespace AsyncFl.Testing.Tests.Conformance;

/// <summary>FedAsync with a mixing weight that grows with staleness, α_t = 0.6·√(1 + τ): above 1 from τ = 2 on, so
/// the new model overshoots the models it mixes (the bug the conformance suite must catch).</summary>
internal sealed class GrowingMixAggregator(GlobalModel model) : AggregatorBase(model, new FedAsyncOptions())
{
    public override string Name => "GrowingMix";

    protected override bool SupportsKind(UpdatePayloadKind kind) => kind == UpdatePayloadKind.Weights;

    protected override AcceptResult Accept(ClientUpdate update, in SubmitOptions options, long staleness)
    {
        double alpha = 0.6 * Math.Sqrt(1 + staleness);
        Backend.Scale(Model.Parameters, (float)(1 - alpha));
        Backend.AddScaled(Model.Parameters, update.Payload, (float)alpha);
        CompleteStep();
        return new AcceptResult(Applied: true, Weight: alpha);
    }
}

/// <summary>FedBuff-like buffered averaging of deltas that, when its buffer of 2 fills, applies the average and then
/// steps a second time with the same average (the double application the conformance suite must catch).</summary>
internal sealed class DoubleApplyAggregator(GlobalModel model) : AggregatorBase(model, new FedBuffOptions())
{
    private readonly List<float[]> _buffer = [];

    public override string Name => "DoubleApply";

    public override int PendingCount => _buffer.Count;

    protected override bool SupportsKind(UpdatePayloadKind kind) => kind == UpdatePayloadKind.ModelDelta;

    protected override AcceptResult Accept(ClientUpdate update, in SubmitOptions options, long staleness)
    {
        _buffer.Add(update.Payload.ToArray());
        if (_buffer.Count < 2)
        {
            return new AcceptResult(Applied: false, Weight: 1);
        }

        var mean = new float[Dimension];
        foreach (float[] delta in _buffer)
        {
            for (int j = 0; j < mean.Length; j++)
            {
                mean[j] += delta[j] / _buffer.Count;
            }
        }

        _buffer.Clear();
        using var step = Backend.Allocate(Dimension);
        step.CopyFrom(mean);
        for (int twice = 0; twice < 2; twice++)
        {
            Backend.AddScaled(Model.Parameters, step, 1f);
            CompleteStep();
        }

        return new AcceptResult(Applied: true, Weight: 1);
    }
}
