using AsyncFl.Torch.Backends;
using AsyncFl.Torch.Models;
using AsyncFl.Torch.Training;
using TorchSharp;
using Xunit;

namespace AsyncFl.Torch.Tests.Training;

[Collection(SerialTorchCollection.Name)]
public class TorchClientTrainerLeakTests
{
    [Fact]
    public void Live_tensor_count_stays_flat_over_100_rounds()
    {
        var data = new[] { SyntheticData.Create(64, 1) };
        using var trainer = new TorchClientTrainer(TorchModels.Factory(TorchModelKind.SmallMlp), data,
            new TorchTrainerOptions { BatchSize = 16, ProxMu = 0.01 });
        using var backend = new TorchParameterBackend();
        using var model = backend.FromSpan(trainer.CreateInitialParameters(1));
        using var payload = backend.Allocate(trainer.Dimension);
        var update = new ClientUpdate(payload);
        void Round(int i)
        {
            trainer.Execute(new ClientWork(0, 1, double.NaN, i), model, update, RandomSource.Create(1, i));
            backend.Mix(model, payload, 0.1f);
        }

        for (int i = 0; i < 3; i++)
        {
            Round(i); // warm-up: pooled module, cached weight tensor
        }

        long before = torch.Tensor.TotalCount;
        for (int i = 0; i < 100; i++)
        {
            Round(i);
        }

        long after = torch.Tensor.TotalCount;
        Assert.True(after - before <= 0, $"live tensors grew from {before} to {after} over 100 rounds");
        data[0].Dispose();
    }
}
