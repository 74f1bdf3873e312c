using AsyncFl.Torch.Training;
using Xunit;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Tests.Training;

[Collection(SerialTorchCollection.Name)]
public class LocalOptimizerStepTests
{
    private static nn.Module<Tensor, Tensor> NewModel(long seed)
    {
        random.manual_seed(seed);
        var m = nn.Sequential(nn.Linear(20, 16), nn.ReLU(), nn.Linear(16, 4), nn.LogSoftmax(1));
        return m;
    }

    private static (Tensor X, Tensor Y) Batch(int step)
    {
        var r = new Random(100 + step);
        var x = Enumerable.Range(0, 32 * 20).Select(_ => (float)((r.NextDouble() * 2) - 1)).ToArray();
        var y = Enumerable.Range(0, 32).Select(_ => (long)r.Next(4)).ToArray();
        return (tensor(x, [32, 20]), tensor(y));
    }

    private static float[] Flatten(nn.Module<Tensor, Tensor> m) =>
        m.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

    // Runs `steps` minibatch steps with our step (ours = true) or TorchSharp's optimizer; returns the final parameters.
    private static float[] Train(bool ours, LocalOptimizer kind, int steps, double lr, double momentum)
    {
        using var model = NewModel(7);
        Tensor[] parameters = model.parameters().ToArray();
        using var mine = ours ? new LocalOptimizerStep(parameters, kind, lr, momentum) : null;
        using var theirs = ours ? null : kind == LocalOptimizer.Adam
            ? (optim.Optimizer)optim.Adam(model.parameters(), lr)
            : optim.SGD(model.parameters(), lr, momentum);
        for (int s = 0; s < steps; s++)
        {
            using var scope = NewDisposeScope();
            var (x, y) = Batch(s);
            if (ours)
            {
                mine!.ZeroGrad();
            }
            else
            {
                theirs!.zero_grad();
            }

            nn.functional.nll_loss(model.forward(x), y).backward();
            if (ours)
            {
                mine!.Step();
            }
            else
            {
                theirs!.step();
            }
        }

        return Flatten(model);
    }

    [Theory]
    [InlineData(LocalOptimizer.Adam, 0.01, 0.0)]
    [InlineData(LocalOptimizer.Sgd, 0.05, 0.0)]
    [InlineData(LocalOptimizer.Sgd, 0.05, 0.9)]
    public void Matches_torch_optim_over_several_steps(LocalOptimizer kind, double lr, double momentum)
    {
        using var model = NewModel(7);
        var start = Flatten(model);
        var expected = Train(ours: false, kind, 6, lr, momentum);
        var actual = Train(ours: true, kind, 6, lr, momentum);
        TestData.AssertClose(expected, actual, 1e-6);

        // The steps moved the weights (so the comparison is not vacuous): by more than 1e-3 somewhere.
        Assert.True(expected.Zip(start).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
    }

    [Fact]
    public void Adam_first_step_moves_every_weight_with_a_gradient_by_the_learning_rate()
    {
        // Adam's first step is lr·g/(|g| + ε·…) = lr·sign(g) for |g| ≫ ε: a hand-checkable value.
        using var scope = NewDisposeScope();
        var w = tensor(new float[] { 1f, -2f, 3f }).requires_grad_(true);
        var loss = w.mul(tensor(new float[] { 2f, -0.5f, 0f })).sum();
        loss.backward();
        using var opt = new LocalOptimizerStep([w], LocalOptimizer.Adam, 0.1);
        opt.Step();
        var after = w.detach().data<float>().ToArray();
        Assert.Equal(0.9f, after[0], 5);   // g = 2   → −0.1
        Assert.Equal(-1.9f, after[1], 5);  // g = −0.5 → +0.1
        Assert.Equal(3f, after[2], 5);     // g = 0   → unchanged
        Assert.Equal(1, opt.Steps);
    }

    [Fact]
    public void Survives_many_steps_while_another_thread_forces_garbage_collections()
    {
        // The failure mode of TorchSharp's optimizers: a GC during the native call finalises the Scalar it reads.
        // Our step keeps every Scalar alive, so thousands of steps under constant collections stay exact and finite.
        using var model = NewModel(11);
        Tensor[] parameters = model.parameters().ToArray();
        using var opt = new LocalOptimizerStep(parameters, LocalOptimizer.Adam, 1e-3);
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        try
        {
            var (x, y) = Batch(0);
            for (int s = 0; s < 1500; s++)
            {
                using var scope = NewDisposeScope();
                opt.ZeroGrad();
                nn.functional.nll_loss(model.forward(x), y).backward();
                opt.Step();
            }

            x.Dispose();
            y.Dispose();
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }

        var w = Flatten(model);
        Assert.All(w, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1500, opt.Steps);
    }
}
