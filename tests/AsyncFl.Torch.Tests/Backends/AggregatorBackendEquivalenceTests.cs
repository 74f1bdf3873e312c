using AsyncFl.Aggregators;
using AsyncFl.Backends;
using AsyncFl.Torch.Backends;
using Xunit;

namespace AsyncFl.Torch.Tests.Backends;

/// <summary>Each aggregator gives the same model (within 1e-5) on the CPU and the TorchSharp backend for the same update stream.</summary>
public class AggregatorBackendEquivalenceTests
{
    private const int D = 2_049;
    private const int Updates = 40;

    public static TheoryData<string> Aggregators => new()
    {
        "FedAsync", "FedBuff", "FedBuff+FedAdam", "FedBuff+FedYogi", "FedBuff+FedAdagrad", "FedBuff+FedAvgM",
        "Sgd", "FedAvg", "Afl", "VersionAware+DC", "CA2FL", "CA2FL+expiry",
    };

    private static (IAggregator Aggregator, UpdatePayloadKind Kind) Create(string name, GlobalModel model) => name switch
    {
        "FedAsync" => (new FedAsyncOptions().CreateAggregator(model), UpdatePayloadKind.Weights),
        "FedBuff" => (new FedBuffOptions { BufferSize = 3 }.CreateAggregator(model), UpdatePayloadKind.ModelDelta),
        "FedBuff+FedAdam" => (new FedBuffOptions { BufferSize = 3, ServerOptimizer = ServerOptimizers.FedAdam() }.CreateAggregator(model), UpdatePayloadKind.ModelDelta),
        "FedBuff+FedYogi" => (new FedBuffOptions { BufferSize = 3, ServerOptimizer = ServerOptimizers.FedYogi() }.CreateAggregator(model), UpdatePayloadKind.ModelDelta),
        "FedBuff+FedAdagrad" => (new FedBuffOptions { BufferSize = 3, ServerOptimizer = ServerOptimizers.FedAdagrad() }.CreateAggregator(model), UpdatePayloadKind.ModelDelta),
        "FedBuff+FedAvgM" => (new FedBuffOptions { BufferSize = 3, ServerOptimizer = ServerOptimizers.FedAvgM(1.0, 0.9) }.CreateAggregator(model), UpdatePayloadKind.ModelDelta),
        "Sgd" => (new SgdAggregatorOptions { LearningRate = 0.1, BufferSize = 2 }.CreateAggregator(model), UpdatePayloadKind.ModelDelta),
        "FedAvg" => (new FedAvgOptions { ExpectedRoundSize = 4, RejectStale = false }.CreateAggregator(model), UpdatePayloadKind.Weights),
        "Afl" => (new AflOptions { BufferSize = 4 }.CreateAggregator(model), UpdatePayloadKind.ModelDelta),
        "VersionAware+DC" => (new VersionAwareOptions { BufferSize = 2, DelayCompensation = 0.5 }.CreateAggregator(model), UpdatePayloadKind.ModelDelta),
        "CA2FL" => (new Ca2FlOptions { ClientCount = 64, BufferSize = 3 }.CreateAggregator(model), UpdatePayloadKind.ModelDelta),
        "CA2FL+expiry" => (new Ca2FlOptions { ClientCount = 64, BufferSize = 3, MaxCacheAge = 1 }.CreateAggregator(model), UpdatePayloadKind.ModelDelta),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Aggregators))]
    public void Aggregator_gives_the_same_model_on_both_backends(string name)
    {
        var initial = TestData.RandomVector(D, 1);
        using var torchBackend = new TorchParameterBackend();
        using var cpuModel = GlobalModel.Create(CpuParameterBackend.Instance, initial);
        using var torchModel = GlobalModel.Create(torchBackend, initial);
        var (cpuAgg, kind) = Create(name, cpuModel);
        var (torchAgg, _) = Create(name, torchModel);
        using var cpuPayload = CpuParameterBackend.Instance.Allocate(D);
        using var torchPayload = torchBackend.Allocate(D);
        var rng = new Random(7);
        int applied = 0;
        for (int i = 0; i < Updates; i++)
        {
            float[] values = TestData.RandomVector(D, 100 + i, 0.05f);
            if (kind == UpdatePayloadKind.Weights)
            {
                var current = cpuModel.Parameters.ToArray();
                for (int j = 0; j < D; j++)
                {
                    values[j] += current[j];
                }
            }

            long staleness = Math.Min(cpuModel.Version.Value, rng.Next(3));
            int samples = 10 + rng.Next(90);
            var cpuOutcome = cpuAgg.Submit(MakeUpdate(cpuPayload, values, i, kind, cpuModel.Version.Value - staleness, samples), SubmitOptions.Default);
            var torchOutcome = torchAgg.Submit(MakeUpdate(torchPayload, values, i, kind, torchModel.Version.Value - staleness, samples), SubmitOptions.Default);
            Assert.Equal(cpuOutcome.ToString(), torchOutcome.ToString());
            Assert.Equal(cpuModel.Version, torchModel.Version);
            applied = (int)cpuModel.Version.Value;
        }

        cpuAgg.Flush(FlushOptions.Default);
        torchAgg.Flush(FlushOptions.Default);
        Assert.Equal(cpuModel.Version, torchModel.Version);
        Assert.True(applied >= 1, $"{name} applied no update; the comparison would be vacuous.");
        Assert.NotEqual(initial, cpuModel.Parameters.ToArray());
        TestData.AssertClose(cpuModel.Parameters.ToArray(), torchModel.Parameters.ToArray(), 1e-5);
        cpuAgg.Dispose();
        torchAgg.Dispose();
    }

    private static ClientUpdate MakeUpdate(ParameterVector payload, float[] values, int i, UpdatePayloadKind kind, long baseVersion, int samples)
    {
        payload.CopyFrom(values);
        return new ClientUpdate(payload)
        {
            UpdateId = i + 1,
            ClientId = i % 4,
            BaseVersion = new ModelVersion(baseVersion),
            Kind = kind,
            SampleCount = samples,
            Loss = 1.0,
        };
    }
}
