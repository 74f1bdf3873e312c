using AsyncFl.Torch.Models;
using Xunit;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Tests.Models;

public class SmallCnnTests
{
    [Theory]
    [InlineData(16, 32, 18_378)] // 416 + 12,832 + 5,130 (hand count: (25+1)·16, (16·25+1)·32, (512+1)·10)
    [InlineData(8, 16, 5_994)]   // 208 + 3,216 + 2,570
    public void Has_the_stated_parameter_count_and_outputs_log_probabilities(int c1, int c2, int expected)
    {
        using var model = new SmallCnn(c1, c2);
        Assert.Equal(expected, model.parameters().Sum(p => p.numel()));
        Assert.Equal(expected, SmallCnn.ParameterCount(c1, c2));
        using var scope = NewDisposeScope();
        var output = model.forward(randn(3, 1, 28, 28));
        Assert.Equal(new long[] { 3, 10 }, output.shape);
        var rowSums = output.exp().sum(1).data<float>().ToArray();
        Assert.All(rowSums, s => Assert.Equal(1f, s, 4));
    }
}
