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
