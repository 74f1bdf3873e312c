using AsyncFl.Torch.Backends;
using AsyncFl.Torch.Data;
using AsyncFl.Torch.Models;
using AsyncFl.Torch.Training;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using static TorchSharp.torch;

namespace AsyncFl.Benchmarks.Torch;

/// <summary>
/// Local training throughput of <see cref="TorchClientTrainer"/>: one invocation is one local epoch (batch 64, Adam,
/// the trainer's default seed-paper learning rate) over <see cref="Samples"/> Fashion-MNIST training images
/// (synthetic N(0, 1) images with random labels when the data set is not installed), including loading the base model
/// into the module and writing the delta, as in a federated task. <c>OperationsPerInvoke = Samples</c>, so the
/// reported time is per sample and samples/s = 10⁹ / (ns/op). One and two torch threads (intra-op).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByParams)]
[Config(typeof(TorchBenchmarkConfig.Training))]
public class TorchTrainingBenchmarks
{
    /// <summary>Samples per invocation (10 minibatches of 64).</summary>
    public const int Samples = 640;

    private TorchClientTrainer _trainer = null!;
    private TorchParameterBackend _backend = null!;
    private TorchVector _base = null!;
    private ClientUpdate _update = null!;
    private TorchDataset _data = null!;
    private RandomSource _random = null!;
    private long _task;

    [Params(TorchModelKind.SeedPaperCnn, TorchModelKind.SmallMlp, TorchModelKind.SmallCnn)]
    public TorchModelKind Model { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TorchBenchmarkConfig.SetThreads(Threads);
        _data = LoadData(out string source);
        Console.WriteLine($"// data: {source}");
        _trainer = new TorchClientTrainer(
            TorchModels.Factory(Model),
            [_data],
            new TorchTrainerOptions { BatchSize = 64, Optimizer = LocalOptimizer.Adam });
        _backend = new TorchParameterBackend();
        _base = _backend.FromSpan(_trainer.CreateInitialParameters(seed: 1));
        _update = new ClientUpdate(_backend.Allocate(_trainer.Dimension));
        _random = RandomSource.Create(7, 0);
    }

    [Benchmark(OperationsPerInvoke = Samples)]
    public double LocalEpoch()
    {
        _trainer.Execute(new ClientWork(0, 1, double.NaN, _task++), _base, _update, _random);
        return _update.Loss;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _update.Payload.Dispose();
        _base.Dispose();
        _backend.Dispose();
        _trainer.Dispose();
        _data.Dispose();
    }

    private static TorchDataset LoadData(out string source)
    {
        if (FashionMnist.IsAvailable())
        {
            using var all = FashionMnist.LoadTrain();
            source = $"Fashion-MNIST ({FashionMnist.ResolveDirectory()}), first {Samples} training images";
            return all.Take(Samples);
        }

        source = $"synthetic: {Samples} N(0,1) 28x28 images, random labels (Fashion-MNIST not installed)";
        using var scope = NewDisposeScope();
        var generator = new Generator(seed: 3);
        var x = randn([Samples, 1, 28, 28], generator: generator);
        var y = randint(0, 10, [Samples], dtype: ScalarType.Int64, generator: generator);
        var ds = new TorchDataset(x.DetachFromDisposeScope(), y.DetachFromDisposeScope());
        return ds;
    }
}
