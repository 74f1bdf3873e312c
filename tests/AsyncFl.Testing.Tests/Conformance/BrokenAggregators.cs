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
