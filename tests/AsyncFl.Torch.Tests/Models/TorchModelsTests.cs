using AsyncFl.Torch.Models;
using Xunit;

namespace AsyncFl.Torch.Tests.Models;

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
