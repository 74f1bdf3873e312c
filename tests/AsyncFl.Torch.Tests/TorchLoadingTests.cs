using Xunit;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Tests;

/// <summary>Proves that TorchSharp's native libraries load (the libstdc++ fix, eng/torchsharp-fix.targets) and compute.</summary>
public class TorchLoadingTests
{
    [Fact]
    public void Matmul_100x100_matches_a_managed_reference()
    {
        const int n = 100;
        var a = TestData.RandomVector(n * n, 1);
        var b = TestData.RandomVector(n * n, 2);
        using var scope = NewDisposeScope();
        var c = tensor(a, [n, n]).matmul(tensor(b, [n, n]));
        var got = c.data<float>().ToArray();
        var expected = new float[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += (double)a[(i * n) + k] * b[(k * n) + j];
                }

                expected[(i * n) + j] = (float)s;
            }
        }

        TestData.AssertClose(expected, got, 1e-4);
    }

    [Fact]
    public void Conv2d_forward_matches_a_hand_computation()
    {
        // 1 input channel, 3×3 input 1..9, one 3×3 kernel of ones with bias 0.5, padding 1:
        // the centre output is the sum 1..9 + 0.5 = 45.5, the top-left corner 1+2+4+5 + 0.5 = 12.5.
        using var scope = NewDisposeScope();
        var conv = nn.Conv2d(1, 1, 3, padding: 1);
        using (no_grad())
        {
            conv.weight!.fill_(1f);
            conv.bias!.fill_(0.5f);
        }

        var input = arange(1f, 10f).reshape(1, 1, 3, 3);
        var output = conv.forward(input);
        Assert.Equal(new long[] { 1, 1, 3, 3 }, output.shape);
        Assert.Equal(45.5f, output[0, 0, 1, 1].item<float>(), 4);
        Assert.Equal(12.5f, output[0, 0, 0, 0].item<float>(), 4);
        Assert.Equal(1f + 2 + 3 + 4 + 5 + 6 + 0.5f, output[0, 0, 0, 1].item<float>(), 4);
    }
}
