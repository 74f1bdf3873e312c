
using static AsyncFl.Aggregators.Tests.TestUtil;

namespace AsyncFl.Aggregators.Tests;
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

    // The coefficients 1 − β are derived in double and rounded once: with 1f − 0.99f (0.0099999905) the first FedAdam
    // step is off from Reddi et al.'s formula by ≈ 7e-7 relative; rounding each coefficient once keeps it near float's
    // own rounding (≈ 1e-7). Double-precision references as above (β1 = 0.9, β2 = 0.99, τ = 1e-3, Δ = 1 then −0.5).
    [Theory]
    [InlineData(Backends.AdaptiveRule.Adam, 0.0990050488825424, 0.1346050053529748)]
    [InlineData(Backends.AdaptiveRule.Yogi, 0.00990049998750062, 0.013446351856988788)]
    public void AdaptiveSteps_MatchTheDoublePrecisionFormula_ToFloatRounding(Backends.AdaptiveRule rule, double first, double second)
    {
        var steps = TwoSteps(new AdaptiveServerOptimizerOptions(rule));
        Assert.True(Math.Abs(steps[0] - first) <= 2.5e-7 * first, $"step 1: {steps[0]:R} vs {first:R} (relative {Math.Abs(steps[0] - first) / first:E2})");
        Assert.True(Math.Abs(steps[1] - second) <= 2.5e-7 * second, $"step 2: {steps[1]:R} vs {second:R} (relative {Math.Abs(steps[1] - second) / second:E2})");
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
