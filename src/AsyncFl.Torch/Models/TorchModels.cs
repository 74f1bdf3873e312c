using TorchSharp;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Models;

/// <summary>The models this package ships, by name, as factories for <see cref="Training.TorchClientTrainer"/>.</summary>
public enum TorchModelKind
{
    /// <summary><see cref="Models.SmallMlp"/> (784→64→10).</summary>
    SmallMlp = 0,

    /// <summary><see cref="Models.SeedPaperCnn"/> (19,146 parameters).</summary>
    SeedPaperCnn = 1,

    /// <summary><see cref="Models.SmallCnn"/> with 16 and 32 channels (18,378 parameters; the Fashion-MNIST experiment's model).</summary>
    SmallCnn = 2,
}

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
