using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Models;

/// <summary>
/// The seed paper's MNIST / Fashion-MNIST CNN (Forootani &amp; Iervolino, "CNNMnistModel"; spec §1.8):
/// 3 × [Conv2d 3×3, stride 1, padding 1 → ReLU] with channels in→32→32→32 at full resolution, then
/// AdaptiveAvgPool2d(1) → flatten → Linear(32, classes) → log_softmax. Conv weights Xavier-uniform, conv biases
/// zero, the linear layer keeps PyTorch's default init. 19,146 parameters for one input channel and 10 classes.
/// </summary>
/// <remarks>Input <c>[N, in, H, W]</c>; output log-probabilities <c>[N, classes]</c> (train with NLL loss).</remarks>
public sealed class SeedPaperCnn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly Conv2d conv2;
    private readonly Conv2d conv3;
    private readonly AdaptiveAvgPool2d pool;
    private readonly Linear fc;

    /// <summary>Creates the network (its initial weights come from torch's global generator).</summary>
    /// <param name="inputChannels">Input channels (1 for MNIST-family images).</param>
    /// <param name="classes">Number of classes.</param>
    public SeedPaperCnn(int inputChannels = 1, int classes = 10)
        : base(nameof(SeedPaperCnn))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        conv1 = nn.Conv2d(inputChannels, 32, 3, stride: 1, padding: 1);
        conv2 = nn.Conv2d(32, 32, 3, stride: 1, padding: 1);
        conv3 = nn.Conv2d(32, 32, 3, stride: 1, padding: 1);
        pool = nn.AdaptiveAvgPool2d(1);
        fc = nn.Linear(32, classes);
        RegisterComponents();
        using (no_grad())
        {
            foreach (var conv in new[] { conv1, conv2, conv3 })
            {
                nn.init.xavier_uniform_(conv.weight!);
                nn.init.zeros_(conv.bias!);
            }
        }
    }

    /// <summary>Number of parameters for the given shape: <c>(in·9+1)·32 + 2·(32·9+1)·32 + 33·classes</c>.</summary>
    /// <param name="inputChannels">Input channels.</param>
    /// <param name="classes">Classes.</param>
    public static int ParameterCount(int inputChannels = 1, int classes = 10) =>
        ((inputChannels * 9) + 1) * 32 + (2 * ((32 * 9) + 1) * 32) + (33 * classes);

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(conv1.forward(input));
        x = nn.functional.relu(conv2.forward(x));
        x = nn.functional.relu(conv3.forward(x));
        x = pool.forward(x).flatten(1);
        return nn.functional.log_softmax(fc.forward(x), 1).MoveToOuterDisposeScope();
    }
}
