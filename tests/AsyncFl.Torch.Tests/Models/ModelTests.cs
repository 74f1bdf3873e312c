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

public class TorchModelsTests
{
    [Theory]
    [InlineData(TorchModelKind.SmallMlp, 50_890)]
    [InlineData(TorchModelKind.SeedPaperCnn, 19_146)]
    [InlineData(TorchModelKind.SmallCnn, 18_378)]
    public void Factory_builds_the_named_model(TorchModelKind kind, int parameters)
    {
        using var model = TorchModels.Factory(kind)();
        Assert.Equal(parameters, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Factory_rejects_an_undefined_kind() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TorchModels.Factory((TorchModelKind)99));
}
