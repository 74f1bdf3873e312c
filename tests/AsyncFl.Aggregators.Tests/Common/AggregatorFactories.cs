namespace AsyncFl.Aggregators.Tests;

/// <summary>One factory per aggregator, for the shared hostile-input, concurrency and determinism tests.</summary>
public static class AggregatorFactories
{
    public static readonly string[] Names = ["SgdK1", "SgdK4", "FedAsync", "FedBuff", "FedBuffAdam", "VersionAware", "VersionAwareDc", "Afl", "FedAvg", "Reweight(FedBuff)", "Reject(FedAsync)", "CA2FL"];

    public static TheoryData<string> All()
    {
        var d = new TheoryData<string>();
        foreach (var n in Names)
        {
            d.Add(n);
        }

        return d;
    }

    public static IAggregator Create(string name, GlobalModel m, int clientCount = 0) => name switch
    {
        "SgdK1" => new SgdAggregator(m, new SgdAggregatorOptions { LearningRate = 0.1, ClientCount = clientCount }),
        "SgdK4" => new SgdAggregator(m, new SgdAggregatorOptions { LearningRate = 0.1, BufferSize = 4, ClientCount = clientCount }),
        "FedAsync" => new FedAsyncAggregator(m, new FedAsyncOptions { ClientCount = clientCount }),
        "FedBuff" => new FedBuffAggregator(m, new FedBuffOptions { ClientCount = clientCount }),
        "FedBuffAdam" => new FedBuffAggregator(m, new FedBuffOptions { ClientCount = clientCount, BufferSize = 3, ServerOptimizer = ServerOptimizers.FedAdam() }),
        "VersionAware" => new VersionAwareAggregator(m, new VersionAwareOptions { ClientCount = clientCount, BufferSize = 3 }),
        "VersionAwareDc" => new VersionAwareAggregator(m, new VersionAwareOptions { ClientCount = clientCount, BufferSize = 2, DelayCompensation = 0.04 }),
        "Afl" => new AflAggregator(m, new AflOptions { ClientCount = clientCount }),
        "FedAvg" => new FedAvgAggregator(m, new FedAvgOptions { ClientCount = clientCount, ExpectedRoundSize = 5, RejectStale = false }),
        "Reweight(FedBuff)" => new ReweightAggregator(new FedBuffAggregator(m, new FedBuffOptions { ClientCount = clientCount, BufferSize = 4 }), new ReweightOptions()),
        "Reject(FedAsync)" => new RejectStaleAggregator(new FedAsyncAggregator(m, new FedAsyncOptions { ClientCount = clientCount }), new RejectStaleOptions { MaxStaleness = 5 }),
        "CA2FL" => new Ca2FlAggregator(m, new Ca2FlOptions { ClientCount = clientCount > 0 ? clientCount : 64, BufferSize = 3 }),
        _ => throw new ArgumentException(name),
    };

    /// <summary>A payload kind the aggregator accepts.</summary>
    public static UpdatePayloadKind KindFor(string name) => name switch
    {
        "SgdK1" or "SgdK4" => UpdatePayloadKind.Gradient,
        "FedAsync" or "Reject(FedAsync)" or "VersionAware" => UpdatePayloadKind.Weights,
        "FedAvg" => UpdatePayloadKind.ModelDelta,
        _ => UpdatePayloadKind.ModelDelta,
    };

    /// <summary>A payload kind the aggregator rejects.</summary>
    public static UpdatePayloadKind UnsupportedFor(string name) => name switch
    {
        "SgdK1" or "SgdK4" => UpdatePayloadKind.Weights,
        "FedAsync" or "Reject(FedAsync)" => UpdatePayloadKind.Gradient,
        _ => UpdatePayloadKind.Gradient,
    };
}
