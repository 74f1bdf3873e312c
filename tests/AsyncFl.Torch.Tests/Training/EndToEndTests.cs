using AsyncFl.Torch.Backends;
using AsyncFl.Torch.Data;
using AsyncFl.Torch.Models;
using AsyncFl.Torch.Training;
using Xunit;

namespace AsyncFl.Torch.Tests.Training;

/// <summary>A tiny federated run on real Fashion-MNIST without the engine: 3 clients, plain sample-weighted averaging on the torch backend.</summary>
public class EndToEndTests
{
    [FactRequiresDataset]
    public void Three_clients_reach_well_above_chance_on_fashion_mnist()
    {
        using var train = FashionMnist.LoadTrain();
        using var test = FashionMnist.LoadTest();
        using var evalSet = test.Take(2000);
        // 3,000 training samples split in three contiguous shards (the file order is already shuffled).
        int[][] partition = Enumerable.Range(0, 3).Select(c => Enumerable.Range(c * 1000, 1000).ToArray()).ToArray();
        var clients = train.Partition(partition);
        using var trainer = new TorchClientTrainer(TorchModels.Factory(TorchModelKind.SmallMlp), clients,
            new TorchTrainerOptions { LearningRate = 3e-3, BatchSize = 32 });
        using var backend = new TorchParameterBackend();
        using var model = backend.FromSpan(trainer.CreateInitialParameters(2024));
        double initial = trainer.Evaluate(model, evalSet).Accuracy;
        using var sum = backend.Allocate(trainer.Dimension);
        var updates = Enumerable.Range(0, 3).Select(_ => new ClientUpdate(backend.Allocate(trainer.Dimension))).ToArray();
        for (int round = 0; round < 3; round++)
        {
            backend.Fill(sum, 0f);
            int total = 0;
            for (int c = 0; c < 3; c++)
            {
                trainer.Execute(new ClientWork(c, 1, double.NaN, round * 3 + c), model, updates[c], RandomSource.Create(7, (round * 3) + c));
                total += updates[c].SampleCount;
            }

            foreach (var u in updates)
            {
                backend.AddScaled(sum, u.Payload, (float)u.SampleCount / total);
            }

            backend.AddScaled(model, sum, 1f);
        }

        var final = trainer.Evaluate(model, evalSet);
        Assert.True(initial < 0.3, $"initial accuracy {initial}");
        Assert.True(final.Accuracy > 0.70, $"accuracy after 3 rounds {final.Accuracy} (chance 0.10)");
        foreach (var c in clients)
        {
            c.Dispose();
        }

        foreach (var u in updates)
        {
            u.Payload.Dispose();
        }
    }
}
