namespace AsyncFl.Aggregators.Tests;

using static TestUtil;

public class ServerOptimizerTests
{
    private static float[] TwoSteps(ServerOptimizerOptions o)
    {
        using var x = Cpu.FromSpan([0f]);
        using var d1 = Cpu.FromSpan([1f]);
        using var d2 = Cpu.FromSpan([-0.5f]);
        using var opt = o.Create(Cpu, 1);
        opt.Step(x, d1);
        float first = x.ToArray()[0];
        opt.Step(x, d2);
        return [first, x.ToArray()[0]];
    }

    // Hand computation (double precision) of Reddi et al. Algorithm 2 with v0 = τ² = 1e-6, β1 = 0.9, β2 = 0.99, Δ = 1 then −0.5.
    [Fact]
    public void FedAdam_FirstTwoSteps() =>
        Near([0.0990050488825424, 0.1346050053529748], TwoSteps(ServerOptimizers.FedAdam()), 1e-5);

    [Fact]
    public void FedYogi_FirstTwoSteps() =>
        Near([0.00990049998750062, 0.013446351856988788], TwoSteps(ServerOptimizers.FedYogi()), 1e-5);

    [Fact]
    public void FedAdagrad_FirstTwoSteps() =>
        Near([0.009990004999998749, 0.01356451519508163], TwoSteps(ServerOptimizers.FedAdagrad()), 1e-5);

    [Fact]
    public void FedAdam_WithBiasCorrection_FirstTwoSteps()
    {
        var o = ServerOptimizers.FedAdam();
        o.BiasCorrection = true;
        Near([0.09989516015179871, 0.12653030845551042], TwoSteps(o), 1e-5);
    }

    [Fact]
    public void InvalidOptions_AreAllReported()
    {
        var o = ServerOptimizers.FedAdam();
        o.Beta1 = 1;
        o.Tau = 0;
        var fb = new FedBuffOptions { ServerOptimizer = o, BufferSize = 0 };
        var ex = Assert.Throws<ArgumentException>(fb.Validate);
        Assert.Contains("Beta1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Tau", ex.Message, StringComparison.Ordinal);
        Assert.Contains("BufferSize", ex.Message, StringComparison.Ordinal);
    }
}
