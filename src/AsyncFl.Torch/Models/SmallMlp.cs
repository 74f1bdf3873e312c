using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Models;

/// <summary>
/// A small, fast model for tests and quick runs: flatten → Linear(inputs, hidden) → ReLU → Linear(hidden, classes)
/// → log_softmax. With 784 inputs, 64 hidden units and 10 classes it has 50,890 parameters and trains at many
/// thousand samples per second on one core.
/// </summary>
/// <remarks>Input <c>[N, …]</c> with <c>inputs</c> elements per sample; output log-probabilities <c>[N, classes]</c>.</remarks>
public sealed class SmallMlp : nn.Module<Tensor, Tensor>
{
    private readonly Linear fc1;
    private readonly Linear fc2;

    /// <summary>Creates the network (PyTorch default init, from torch's global generator).</summary>
    /// <param name="inputs">Input features per sample (784 for 28×28 images).</param>
    /// <param name="hidden">Hidden units.</param>
    /// <param name="classes">Number of classes.</param>
    public SmallMlp(int inputs = 784, int hidden = 64, int classes = 10)
        : base(nameof(SmallMlp))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        fc1 = nn.Linear(inputs, hidden);
        fc2 = nn.Linear(hidden, classes);
        RegisterComponents();
    }

    /// <summary>Number of parameters: <c>(inputs+1)·hidden + (hidden+1)·classes</c>.</summary>
    /// <param name="inputs">Inputs.</param>
    /// <param name="hidden">Hidden units.</param>
    /// <param name="classes">Classes.</param>
    public static int ParameterCount(int inputs = 784, int hidden = 64, int classes = 10) =>
        ((inputs + 1) * hidden) + ((hidden + 1) * classes);

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.flatten(1);
        x = nn.functional.relu(fc1.forward(x));
        return nn.functional.log_softmax(fc2.forward(x), 1).MoveToOuterDisposeScope();
    }
}
