using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Models;

/// <summary>
/// A small LeNet-style CNN for 28×28 images: Conv2d(in→c₁, 5×5) → ReLU → MaxPool 2 → Conv2d(c₁→c₂, 5×5) → ReLU →
/// MaxPool 2 → flatten (c₂·4·4) → Linear(·, classes) → log_softmax. With c₁ = 16, c₂ = 32 it has 18,378 parameters; it
/// downsamples early, so it trains several times faster than <see cref="SeedPaperCnn"/> on the CPU.
/// </summary>
/// <remarks>Input <c>[N, in, 28, 28]</c>; output log-probabilities <c>[N, classes]</c> (train with NLL loss).</remarks>
public sealed class SmallCnn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Linear fc;

    /// <summary>Creates the network (PyTorch default init, from torch's global generator).</summary>
    /// <param name="channels1">Channels of the first convolution.</param>
    /// <param name="channels2">Channels of the second convolution.</param>
    /// <param name="inputChannels">Input channels.</param>
    /// <param name="classes">Number of classes.</param>
    public SmallCnn(int channels1 = 16, int channels2 = 32, int inputChannels = 1, int classes = 10)
        : base(nameof(SmallCnn))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels1, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels2, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        conv1 = nn.Conv2d(inputChannels, channels1, 5);
        conv2 = nn.Conv2d(channels1, channels2, 5);
        fc = nn.Linear(channels2 * 16, classes);
        RegisterComponents();
    }

    /// <summary>Number of parameters: <c>(in·25+1)·c₁ + (c₁·25+1)·c₂ + (16·c₂+1)·classes</c>.</summary>
    /// <param name="channels1">Channels of the first convolution.</param>
    /// <param name="channels2">Channels of the second convolution.</param>
    /// <param name="inputChannels">Input channels.</param>
    /// <param name="classes">Classes.</param>
    public static int ParameterCount(int channels1 = 16, int channels2 = 32, int inputChannels = 1, int classes = 10) =>
        (((inputChannels * 25) + 1) * channels1) + (((channels1 * 25) + 1) * channels2) + (((16 * channels2) + 1) * classes);

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.max_pool2d(nn.functional.relu(conv1.forward(input)), 2);
        x = nn.functional.max_pool2d(nn.functional.relu(conv2.forward(x)), 2);
        return nn.functional.log_softmax(fc.forward(x.flatten(1)), 1).MoveToOuterDisposeScope();
    }
}
