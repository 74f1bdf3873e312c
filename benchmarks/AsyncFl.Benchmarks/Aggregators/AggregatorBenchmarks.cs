using AsyncFl.Aggregators;
using AsyncFl.Backends;
using BenchmarkDotNet.Attributes;

namespace AsyncFl.Benchmarks.Aggregators;

/// <summary>
/// Updates accepted per second by FedAsync, FedBuff (K = 10) and version-aware aggregation (K = 10, deltas, no DC),
/// d = 10⁴ … 10⁷, one thread. One invocation submits 10 updates (so FedBuff and version-aware take exactly one server
/// step per invocation); the reported time is per update. Each update is fully validated (NaN/∞ scan included).
/// </summary>
[MemoryDiagnoser]
public class AggregatorBenchmarks
{
    private const int UpdatesPerInvoke = 10;
    private GlobalModel _model = null!;
    private IAggregator _aggregator = null!;
    private ParameterVector _payload = null!;
    private ClientUpdate _update = null!;
    private long _id;

    [Params(10_000, 1_000_000, 10_000_000)]
    public int D { get; set; }

    [Params("FedAsync", "FedBuff", "VersionAware")]
    public string Aggregator { get; set; } = "FedBuff";

    [GlobalSetup]
    public void Setup()
    {
        var backend = CpuParameterBackend.Instance;
        var init = new float[D];
        var rng = RandomSource.Create(42, 1);
        for (int i = 0; i < D; i++)
        {
            init[i] = (rng.NextSingle() * 2f) - 1f;
        }

        _model = GlobalModel.Create(backend, init);
        _payload = backend.Allocate(D);
        backend.Fill(_payload, 1e-3f);
        UpdatePayloadKind kind;
        (_aggregator, kind) = Aggregator switch
        {
            "FedAsync" => ((IAggregator)new FedAsyncOptions().CreateAggregator(_model), UpdatePayloadKind.Weights),
            "FedBuff" => (new FedBuffOptions { BufferSize = 10 }.CreateAggregator(_model), UpdatePayloadKind.ModelDelta),
            _ => (new VersionAwareOptions { BufferSize = 10 }.CreateAggregator(_model), UpdatePayloadKind.ModelDelta),
        };
        if (kind == UpdatePayloadKind.Weights)
        {
            backend.Copy(_model.Parameters, _payload);
        }

        _update = new ClientUpdate(_payload) { Kind = kind, SampleCount = 10 };
    }

    [Benchmark(OperationsPerInvoke = UpdatesPerInvoke)]
    public long Submit()
    {
        long applied = 0;
        for (int k = 0; k < UpdatesPerInvoke; k++)
        {
            _update.UpdateId = _id++;
            _update.ClientId = k;
            _update.BaseVersion = _model.Version;
            applied += _aggregator.Submit(_update, SubmitOptions.Default).Sequence;
        }

        return applied;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _aggregator.Dispose();
        _payload.Dispose();
        _model.Dispose();
    }
}
