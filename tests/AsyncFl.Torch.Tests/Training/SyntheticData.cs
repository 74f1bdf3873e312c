using AsyncFl.Torch.Data;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Tests.Training;

/// <summary>Synthetic, learnable data: 10 classes, each a fixed random 28×28 pattern plus noise.</summary>
internal static class SyntheticData
{
    public static TorchDataset Create(int count, int seed)
    {
        var r = new Random(seed);
        var protos = Enumerable.Range(0, 10).Select(c => TestData.RandomVector(784, 1000 + c)).ToArray();
        var x = new float[count * 784];
        var y = new long[count];
        for (int i = 0; i < count; i++)
        {
            int c = r.Next(10);
            y[i] = c;
            for (int j = 0; j < 784; j++)
            {
                x[(i * 784) + j] = protos[c][j] + (float)((r.NextDouble() - 0.5) * 1.5);
            }
        }

        using var scope = NewDisposeScope();
        return new TorchDataset(tensor(x, [count, 1, 28, 28]), tensor(y));
    }
}
