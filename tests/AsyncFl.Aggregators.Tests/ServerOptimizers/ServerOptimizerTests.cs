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

    // Δ1 = [0.5, −2], Δ2 = [0.01, 0.01]; η = 0.1 (Adam/Adagrad defaults) or set explicitly; β1 = 0.9, β2 = 0.99,
    // τ = 1e-3, v0 = τ². Expected x after each step from a direct double-precision transcription of spec §5.
    private static (float[] X1, float[] X2) TwoFedBuffSteps(AdaptiveServerOptimizerOptions opt)
    {
        using var m = Model(0f, 0f);
        using var agg = new FedBuffAggregator(m, new FedBuffOptions { BufferSize = 1, ServerOptimizer = opt, OnePerClientPerBuffer = false });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0.5f, -2f]), Opt());
        float[] x1 = m.Parameters.ToArray();
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0.01f, 0.01f], baseVersion: 1), Opt());
        return (x1, m.Parameters.ToArray());
    }

    /// <summary>(optimiser, x after step 1, x after step 2) for the two steps of <see cref="TwoFedBuffSteps"/>.</summary>
    public static TheoryData<string, double[], double[]> AdaptiveOptimizerVectors => new()
    {
        { "FedAdam", [0.09802019012094845, -0.0995012623676586], [0.1886261831576504, -0.18900016039118595] },
        // Step 2: Δ² = 1e-4 < v, so Yogi shrinks v by (1−β2)Δ² (sign +1), unlike Adam's β2·v + (1−β2)Δ².
        { "FedYogi with η = 0.1", [0.09801999800039984, -0.09950124999218754], [0.18821607643177235, -0.18855597636034668] },
        { "FedAdagrad", [0.00998001999998, -0.009995001249999922], [0.019159806297800376, -0.018940415607677716] },
        { "FedAdam with bias correction", [0.0997806840120553, -0.09994878874701878], [0.16820969693896018, -0.1666847264830002] },
        // v0 = 0: Flower's variant.
        { "FedAdam with v0 = 0", [0.09803921568627445, -0.09950248756218899], [0.18866278643580772, -0.18900248756218893] },
    };

    private static AdaptiveServerOptimizerOptions Optimizer(string name)
    {
        switch (name)
        {
            case "FedAdam":
                return ServerOptimizers.FedAdam();
            case "FedYogi with η = 0.1":
                var yogi = ServerOptimizers.FedYogi();
                yogi.LearningRate = 0.1;
                return yogi;
            case "FedAdagrad":
                return ServerOptimizers.FedAdagrad();
            case "FedAdam with bias correction":
                var corrected = ServerOptimizers.FedAdam();
                corrected.BiasCorrection = true;
                return corrected;
            case "FedAdam with v0 = 0":
                var flower = ServerOptimizers.FedAdam();
                flower.InitialSecondMoment = 0;
                return flower;
            default:
                throw new ArgumentException(name, nameof(name));
        }
    }

    [Theory]
    [MemberData(nameof(AdaptiveOptimizerVectors))]
    public void AdaptiveOptimizersInFedBuffMatchSpec(string optimizer, double[] expected1, double[] expected2)
    {
        var (x1, x2) = TwoFedBuffSteps(Optimizer(optimizer));
        Near(expected1, x1, 1e-5);
        Near(expected2, x2, 1e-5);
    }

    [Fact]
    public void FedYogiHasItsOwnDefaultLearningRate() =>
        Assert.Equal(0.01, ServerOptimizers.FedYogi().LearningRate);   // spec §5: Flower fedyogi eta = 1e-2

    [Fact]
    public void FedAvgMAccumulatesMomentum()
    {
        using var m = Model(0f, 0f);
        using var agg = new FedBuffAggregator(m, new FedBuffOptions { BufferSize = 1, OnePerClientPerBuffer = false, ServerOptimizer = ServerOptimizers.FedAvgM(1.0, 0.5) });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f, 0f]), Opt());                 // m = [1,0]; x = [1,0]
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0f, 2f], baseVersion: 1), Opt()); // m = [0.5,2]; x = [1.5,2]
        Near([1.5, 2], m.Parameters.ToArray());
        agg.Submit(Update(UpdatePayloadKind.PseudoGradient, [1f, 1f], baseVersion: 2), Opt()); // m = [−0.75, 0]; x = [0.75, 2]
        Near([0.75, 2], m.Parameters.ToArray());
    }

    [Fact]
    public void NaNOptimizerOptionsAreRejectedByName()
    {
        using var m = Model(0f);
        foreach (var (name, make) in new (string, Func<ServerOptimizerOptions>)[]
        {
            ("Beta1", () => { var o = ServerOptimizers.FedAdam(); o.Beta1 = double.NaN; return o; }),
            ("Beta2", () => { var o = ServerOptimizers.FedYogi(); o.Beta2 = double.NaN; return o; }),
            ("Tau", () => { var o = ServerOptimizers.FedAdagrad(); o.Tau = double.NaN; return o; }),
            ("LearningRate", () => { var o = ServerOptimizers.FedAdam(); o.LearningRate = double.NaN; return o; }),
            ("InitialSecondMoment", () => { var o = ServerOptimizers.FedAdam(); o.InitialSecondMoment = double.PositiveInfinity; return o; }),
            ("Momentum", () => ServerOptimizers.FedAvgM(1, double.NaN)),
        })
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => new FedBuffAggregator(m, new FedBuffOptions { ServerOptimizer = make() }));
            Assert.Contains(name, e.Message, StringComparison.Ordinal);
        }
    }
}
