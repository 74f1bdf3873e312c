using AsyncFl.Backends;
using AsyncFl.Torch.Backends;
using AsyncFl.Torch.Models;
using AsyncFl.Torch.Modules;
using Xunit;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Tests.Modules;

public class ModuleVectorMapTests
{
    [Fact]
    public void Maps_the_cnn_parameters_in_order_and_round_trips_through_both_backends()
    {
        using var a = new SeedPaperCnn();
        using var b = new SeedPaperCnn();
        var map = ModuleVectorMap.Create(a);
        Assert.Equal(19_146, map.Length);
        Assert.Equal("conv1.weight", map.Entries[0].Name);
        Assert.Equal(0, map.Entries[0].Offset);
        Assert.Equal(288, map.Entries[1].Offset); // conv1.bias after 32·1·3·3 weights
        Assert.Equal("fc.bias", map.Entries[^1].Name);

        var original = map.ToArray(a);
        using var torch = new TorchParameterBackend();
        using var tv = torch.Allocate(map.Length);
        map.CopyToVector(a, tv);
        Assert.Equal(original, tv.ToArray());
        map.CopyFromVector(tv, b);
        Assert.Equal(original, map.ToArray(b));

        using var cv = CpuParameterBackend.Instance.Allocate(map.Length);
        map.CopyToVector(a, cv);
        Assert.Equal(original, cv.ToArray());
        using var c = new SeedPaperCnn();
        map.CopyFromVector(cv, c);
        Assert.Equal(original, map.ToArray(c));
    }

    [Fact]
    public void Integer_buffers_are_never_mapped_and_floating_buffers_only_when_asked()
    {
        using var model = nn.Sequential(("lin", nn.Linear(3, 4)), ("bn", nn.BatchNorm1d(4)));
        var plain = ModuleVectorMap.Create(model);
        var withBuffers = ModuleVectorMap.Create(model, includeFloatingBuffers: true);
        // Parameters: 3·4 + 4 (linear) + 4 + 4 (bn affine) = 24; running mean and var add 8; num_batches_tracked never.
        Assert.Equal(24, plain.Length);
        Assert.Equal(32, withBuffers.Length);
        Assert.DoesNotContain(withBuffers.Entries, e => e.Name.Contains("num_batches_tracked", StringComparison.Ordinal));
        Assert.Contains(withBuffers.Entries, e => e.Name == "bn.running_var" && e.IsBuffer);

        var values = Enumerable.Range(0, 32).Select(i => (float)i).ToArray();
        withBuffers.CopyFrom(values, model);
        var named = model.named_buffers().ToDictionary(p => p.name, p => p.buffer);
        Assert.Equal(31f, named["bn.running_var"][3].item<float>());
        Assert.Equal(ScalarType.Int64, named["bn.num_batches_tracked"].dtype);
    }

    [Fact]
    public void Applying_a_map_to_another_architecture_throws()
    {
        using var cnn = new SeedPaperCnn();
        using var mlp = new SmallMlp();
        var map = ModuleVectorMap.Create(cnn);
        Assert.Throws<ArgumentException>(() => map.ToArray(mlp));
    }
}
