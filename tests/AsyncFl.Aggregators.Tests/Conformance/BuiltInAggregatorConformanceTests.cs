using AsyncFl.Testing;

namespace AsyncFl.Aggregators.Tests;

/// <summary>Every built-in aggregator passes AsyncFl.Testing's conformance suite (generated scripts with hostile
/// updates and extreme values; the mixing aggregators must also keep every new model a convex combination).</summary>
public sealed class BuiltInAggregatorConformanceTests
{
    private static readonly Dictionary<string, (Func<GlobalModel, IAggregator> Create, UpdatePayloadKind Kind, bool Convex)> Aggregators = new()
    {
        ["Sgd"] = (m => new SgdAggregatorOptions { LearningRate = 0.1 }.CreateAggregator(m), UpdatePayloadKind.Gradient, false),
        ["SgdBuffered"] = (m => new SgdAggregatorOptions { LearningRate = 0.1, BufferSize = 3 }.CreateAggregator(m), UpdatePayloadKind.Gradient, false),
        ["FedAsync"] = (m => new FedAsyncOptions().CreateAggregator(m), UpdatePayloadKind.Weights, true),
        ["FedAsyncHinge"] = (m => new FedAsyncOptions { Alpha = 0.9, Staleness = StalenessFunctions.Hinge(10, 4), MaxStaleness = 6 }.CreateAggregator(m), UpdatePayloadKind.Weights, true),
        ["FedBuff"] = (m => new FedBuffOptions { BufferSize = 3 }.CreateAggregator(m), UpdatePayloadKind.ModelDelta, false),
        ["FedBuffFedAdam"] = (m => new FedBuffOptions { BufferSize = 2, ServerOptimizer = ServerOptimizers.FedAdam() }.CreateAggregator(m), UpdatePayloadKind.ModelDelta, false),
        ["FedBuffFedYogi"] = (m => new FedBuffOptions { BufferSize = 2, ServerOptimizer = ServerOptimizers.FedYogi() }.CreateAggregator(m), UpdatePayloadKind.ModelDelta, false),
        ["FedBuffFedAdagrad"] = (m => new FedBuffOptions { BufferSize = 2, ServerOptimizer = ServerOptimizers.FedAdagrad() }.CreateAggregator(m), UpdatePayloadKind.PseudoGradient, false),
        ["FedBuffFedAvgM"] = (m => new FedBuffOptions { BufferSize = 2, ServerOptimizer = ServerOptimizers.FedAvgM() }.CreateAggregator(m), UpdatePayloadKind.ModelDelta, false),
        ["Ca2Fl"] = (m => new Ca2FlOptions { BufferSize = 3, ClientCount = 8 }.CreateAggregator(m), UpdatePayloadKind.ModelDelta, false),
        ["FedAvgWeights"] = (m => new FedAvgOptions { RejectStale = false }.CreateAggregator(m), UpdatePayloadKind.Weights, true),
        ["FedAvgDeltas"] = (m => new FedAvgOptions().CreateAggregator(m), UpdatePayloadKind.ModelDelta, false),
        ["Afl"] = (m => new AflOptions().CreateAggregator(m), UpdatePayloadKind.ModelDelta, false),
        ["ReweightOverFedBuff"] = (m => new ReweightOptions().Wrap(new FedBuffOptions { BufferSize = 2 }.CreateAggregator(m)), UpdatePayloadKind.ModelDelta, false),
        ["RejectStaleOverSgd"] = (m => new RejectStaleOptions { MaxStaleness = 3 }.Wrap(new SgdAggregatorOptions { LearningRate = 0.1 }.CreateAggregator(m)), UpdatePayloadKind.Gradient, false),
        ["VersionAware"] = (m => new VersionAwareOptions().CreateAggregator(m), UpdatePayloadKind.Gradient, false),
        ["DcAsgd"] = (m => new VersionAwareOptions { DelayCompensation = 0.04 }.CreateAggregator(m), UpdatePayloadKind.Gradient, false),
    };

    public static TheoryData<string> Names => new(Aggregators.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void PassesTheConformanceSuite(string name)
    {
        var (create, kind, convex) = Aggregators[name];
        ConformanceSuite.CheckAggregator(name, create, new AggregatorConformanceOptions { PayloadKind = kind, ConvexMix = convex }).ThrowIfFailed();
    }
}
