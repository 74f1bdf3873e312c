using static TorchSharp.torch;

namespace AsyncFl.Torch.Models;

/// <summary>Factories for the shipped models.</summary>
public static class TorchModels
{
    /// <summary>A factory for <paramref name="kind"/> with 1 input channel (28×28) and 10 classes.</summary>
    /// <param name="kind">The model.</param>
    public static Func<nn.Module<Tensor, Tensor>> Factory(TorchModelKind kind) => kind switch
    {
        TorchModelKind.SmallMlp => static () => new SmallMlp(),
        TorchModelKind.SeedPaperCnn => static () => new SeedPaperCnn(),
        TorchModelKind.SmallCnn => static () => new SmallCnn(16, 32),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown model kind."),
    };
}
