using AsyncFl.Torch.Models;
using Xunit;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Tests.Models;

public class SeedPaperCnnTests
{
    [Fact]
    public void Has_19146_parameters_and_outputs_log_probabilities()
    {
        using var model = new SeedPaperCnn();
        long count = model.parameters().Sum(p => p.numel());
        Assert.Equal(19_146, count);
        Assert.Equal(19_146, SeedPaperCnn.ParameterCount());
        using var scope = NewDisposeScope();
        var output = model.forward(randn(2, 1, 28, 28));
        Assert.Equal(new long[] { 2, 10 }, output.shape);
        var sums = output.exp().sum(1);
        Assert.Equal(1f, sums[0].item<float>(), 4);
        Assert.Equal(1f, sums[1].item<float>(), 4);
    }

    [Fact]
    public void Conv_biases_start_at_zero_and_weights_within_the_xavier_bound()
    {
        using var model = new SeedPaperCnn();
        var named = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        // Xavier-uniform bound for conv2: sqrt(6 / (fan_in + fan_out)) = sqrt(6 / (288 + 288)).
        double bound = Math.Sqrt(6.0 / (288 + 288));
        Assert.Equal(0f, named["conv2.bias"].abs().max().item<float>());
        Assert.True(named["conv2.weight"].abs().max().item<float>() <= bound + 1e-6);
        Assert.True(named["conv2.weight"].abs().max().item<float>() > bound * 0.8);
    }
}
