using AsyncFl.Torch.Data;
using Xunit;

namespace AsyncFl.Torch.Tests;

/// <summary>A fact that is skipped, with the reason, when the Fashion-MNIST files are not installed.</summary>
public sealed class FactRequiresDatasetAttribute : FactAttribute
{
    public FactRequiresDatasetAttribute()
    {
        if (!FashionMnist.IsAvailable())
        {
            Skip = $"Fashion-MNIST is not installed in '{FashionMnist.ResolveDirectory()}' (apt-get install dataset-fashion-mnist, or bash eng/install-deps.sh; or set {FashionMnist.DirectoryVariable}).";
        }
    }
}

/// <summary>Tests that read process-wide torch counters run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTorchCollection
{
    public const string Name = "serial-torch";
}

internal static class TestData
{
    public static float[] RandomVector(int length, int seed, float scale = 1f)
    {
        var r = new Random(seed);
        var v = new float[length];
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = (float)((r.NextDouble() * 2) - 1) * scale;
        }

        return v;
    }

    public static void AssertClose(float[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs(expected[i] - actual[i]);
            if (diff > tolerance * (1 + Math.Abs(expected[i])))
            {
                Assert.Fail($"Element {i}: expected {expected[i]}, got {actual[i]} (|diff| {diff} > {tolerance}).");
            }
        }
    }
}
