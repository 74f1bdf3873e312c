using AsyncFl.Torch.Data;
using Xunit;

namespace AsyncFl.Torch.Tests.Data;

public class FashionMnistTests
{
    [Fact]
    public void Normalises_pixels_to_minus_one_to_one_and_shapes_the_tensor()
    {
        var images = new IdxImages(2, 2, 2, [0, 255, 51, 128, 0, 0, 0, 255]);
        using var ds = FashionMnist.ToDataset(images, [3, 7]);
        Assert.Equal(new long[] { 2, 1, 2, 2 }, ds.Features.shape);
        Assert.Equal(-1f, ds.Features[0, 0, 0, 0].item<float>(), 6);
        Assert.Equal(1f, ds.Features[0, 0, 0, 1].item<float>(), 6);
        Assert.Equal((51f / 255f - 0.5f) / 0.5f, ds.Features[0, 0, 1, 0].item<float>(), 6);
        Assert.Equal(new[] { 3, 7 }, ds.LabelArray());
    }

    [Fact]
    public void A_partition_gives_each_client_its_samples()
    {
        var images = new IdxImages(4, 1, 1, [0, 85, 170, 255]);
        using var ds = FashionMnist.ToDataset(images, [0, 1, 2, 3]);
        var parts = ds.Partition([[3, 1], [], [0, 2]]);
        Assert.Equal(new[] { 3, 1 }, parts[0].LabelArray());
        Assert.Equal(0, parts[1].Count);
        Assert.Equal(new[] { 0, 2 }, parts[2].LabelArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => ds.Subset([4]));
        foreach (var p in parts)
        {
            p.Dispose();
        }
    }

    [FactRequiresDataset]
    public void Loads_the_installed_test_set()
    {
        using var test = FashionMnist.LoadTest();
        Assert.Equal(10_000, test.Count);
        Assert.Equal(new long[] { 10_000, 1, 28, 28 }, test.Features.shape);
        var counts = test.LabelArray().GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(10, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(1000, c));
    }
}
