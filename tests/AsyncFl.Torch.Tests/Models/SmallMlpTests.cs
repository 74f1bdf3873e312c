using AsyncFl.Torch.Models;
using Xunit;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Tests.Models;

public class SmallMlpTests
{
    [Fact]
    public void Has_50890_parameters()
    {
        using var model = new SmallMlp();
        Assert.Equal(50_890, model.parameters().Sum(p => p.numel()));
        Assert.Equal(50_890, SmallMlp.ParameterCount());
        using var scope = NewDisposeScope();
        Assert.Equal(new long[] { 3, 10 }, model.forward(randn(3, 1, 28, 28)).shape);
    }
}
