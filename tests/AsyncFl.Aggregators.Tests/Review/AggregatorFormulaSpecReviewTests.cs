
using static AsyncFl.Aggregators.Tests.TestUtil;

namespace AsyncFl.Aggregators.Tests.Review;
// Independent review (h9) of the aggregators against spec aggregation.md §1.3–1.4, §2, §3, §4.3, §5. Every
// expected number was computed by hand or with a few lines of Python (in double; the backend is float32, hence
// the 1e-5 relative tolerances), not copied from the existing tests.
public class FedAsyncSpecReviewTests
{
    [Fact]
    public void MixesModelsWithAlphaTimesStalenessWeight()
    {
        using var m = Model(2f, -4f);
        using var agg = new FedAsyncAggregator(m, new FedAsyncOptions { Alpha = 0.5, Staleness = StalenessFunctions.Polynomial(1) });

        // τ = 0: α_t = 0.5 → x = 0.5·[2,−4] + 0.5·[4,0] = [3,−2].
        var o1 = agg.Submit(Update(UpdatePayloadKind.Weights, [4f, 0f]), Opt());
        Assert.Equal(UpdateDisposition.Applied, o1.Disposition);
        Near(0.5, o1.Weight);
        Near([3, -2], m.Parameters.ToArray());
        Assert.Equal(1, m.Version.Value);

        // τ = 1: α_t = 0.5·(1+1)^-1 = 0.25 → x = 0.75·[3,−2] + 0.25·[7,2] = [4,−1].
        var o2 = agg.Submit(Update(UpdatePayloadKind.Weights, [7f, 2f], baseVersion: 0, client: 1), Opt());
        Near(0.25, o2.Weight);
        Near([4, -1], m.Parameters.ToArray());
    }

    [Fact]
    public void HingeStalenessInsideFedAsync()
    {
        using var m = Model(0f);
        using var agg = new FedAsyncAggregator(m, new FedAsyncOptions { Alpha = 0.9, Staleness = StalenessFunctions.Hinge(10, 1) });
        agg.Submit(Update(UpdatePayloadKind.Weights, [0f]), Opt());                  // v1
        agg.Submit(Update(UpdatePayloadKind.Weights, [0f], baseVersion: 1), Opt());  // v2
        agg.Submit(Update(UpdatePayloadKind.Weights, [0f], baseVersion: 2), Opt());  // v3
        // τ = 3, b = 1: s = 1/(10·2 + 1) = 1/21 → α_t = 0.9/21; x = (0.9/21)·21 = 0.9.
        var o = agg.Submit(Update(UpdatePayloadKind.Weights, [21f], baseVersion: 0, client: 1), Opt());
        Near(0.9 / 21, o.Weight);
        Near([0.9], m.Parameters.ToArray());
    }

    [Fact]
    public void AlphaTimesWeightIsClampedToOne()
    {
        using var m = Model(5f, 5f);
        using var agg = new FedAsyncAggregator(m, new FedAsyncOptions { Alpha = 0.9, Staleness = StalenessFunctions.Constant() });
        Assert.Equal(1.0, agg.MixingWeight(0, 2.0));
        var o = agg.Submit(Update(UpdatePayloadKind.Weights, [1f, -1f]), Opt(weight: 2.0));
        Assert.Equal(1.0, o.Weight);
        Assert.Equal([1f, -1f], m.Parameters.ToArray());
    }

    [Fact]
    public void NaNAlphaIsRejectedWithItsName()
    {
        using var m = Model(0f);
        var e = Assert.ThrowsAny<ArgumentException>(() => new FedAsyncAggregator(m, new FedAsyncOptions { Alpha = double.NaN }));
        Assert.Contains("Alpha", e.Message, StringComparison.Ordinal);
    }
}

public class FedBuffSpecReviewTests
{
    // Round 1 (τ = 0): ḡ = ([2,0] + [0,4])/2 = [1,2] → x = [2,3] (v1).
    // Round 2: pseudo-gradient g = [3,3] from base 0 (τ = 1, s = 1/√2) enters as −g; delta [1,−1] from base 1.
    // acc = −[3,3]/√2 + [1,−1]; x = [2,3] + acc/Z with Z = 2 (Count) or 1/√2 + 1 (WeightSum).
    private static float[] Run(BufferNormalization normalization)
    {
        using var m = Model(1f, 1f);
        using var agg = new FedBuffAggregator(m, new FedBuffOptions { BufferSize = 2, Normalization = normalization });
        Assert.Equal(UpdateDisposition.Buffered, agg.Submit(Update(UpdatePayloadKind.ModelDelta, [2f, 0f], client: 0), Opt()).Disposition);
        Assert.Equal(UpdateDisposition.Applied, agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0f, 4f], client: 1), Opt()).Disposition);
        Near([2, 3], m.Parameters.ToArray());
        var o = agg.Submit(Update(UpdatePayloadKind.PseudoGradient, [3f, 3f], baseVersion: 0, client: 0), Opt());
        Near(1 / Math.Sqrt(2), o.Weight);                                  // default s(τ) = 1/√(1+τ)
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f, -1f], baseVersion: 1, client: 1), Opt());
        Assert.Equal(2, m.Version.Value);
        return m.Parameters.ToArray();
    }

    [Fact]
    public void CountNormalisationDividesByK() =>
        Near([1.4393398282201788, 1.4393398282201788], Run(BufferNormalization.Count), 1e-5);

    [Fact]
    public void WeightSumNormalisationDividesBySumOfWeights() =>
        Near([1.3431457505076199, 1.1715728752538100], Run(BufferNormalization.WeightSum), 1e-5);

    [Fact]
    public void PartialFlushDividesByNumberBufferedAndServerLearningRateScales()
    {
        using var m = Model(0f);
        using var agg = new FedBuffAggregator(m, new FedBuffOptions { BufferSize = 10, ServerOptimizer = ServerOptimizers.Sgd(0.5) });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [3f], client: 0), Opt());
        agg.Submit(Update(UpdatePayloadKind.PseudoGradient, [1f], client: 1), Opt());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [4f], client: 2), Opt());
        Assert.Equal(UpdateDisposition.Applied, agg.Flush(FlushOptions.Default).Disposition);
        // ḡ = (3 − 1 + 4)/3 = 2; x = 0 + 0.5·2 = 1.
        Near([1], m.Parameters.ToArray());
    }
}

public class ServerOptimizerSpecReviewTests
{
    // Δ1 = [0.5, −2], Δ2 = [0.01, 0.01]; η = 0.1 (Adam/Adagrad defaults) or set explicitly; β1 = 0.9, β2 = 0.99,
    // τ = 1e-3, v0 = τ². Expected x after each step from a direct double-precision transcription of spec §5.
    private static (float[] X1, float[] X2) Run(AdaptiveServerOptimizerOptions opt)
    {
        using var m = Model(0f, 0f);
        using var agg = new FedBuffAggregator(m, new FedBuffOptions { BufferSize = 1, ServerOptimizer = opt, OnePerClientPerBuffer = false });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0.5f, -2f]), Opt());
        float[] x1 = m.Parameters.ToArray();
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0.01f, 0.01f], baseVersion: 1), Opt());
        return (x1, m.Parameters.ToArray());
    }

    [Fact]
    public void FedAdamMatchesSpec()
    {
        var (x1, x2) = Run(ServerOptimizers.FedAdam());
        Near([0.09802019012094845, -0.0995012623676586], x1, 1e-5);
        Near([0.1886261831576504, -0.18900016039118595], x2, 1e-5);
    }

    [Fact]
    public void FedYogiMatchesSpecWithItsOwnLearningRateSetTo01()
    {
        // Step 2: Δ² = 1e-4 < v, so Yogi shrinks v by (1−β2)Δ² (sign +1), unlike Adam's β2·v + (1−β2)Δ².
        var o = ServerOptimizers.FedYogi();
        Assert.Equal(0.01, o.LearningRate);   // spec §5: Flower fedyogi eta = 1e-2
        o.LearningRate = 0.1;
        var (x1, x2) = Run(o);
        Near([0.09801999800039984, -0.09950124999218754], x1, 1e-5);
        Near([0.18821607643177235, -0.18855597636034668], x2, 1e-5);
    }

    [Fact]
    public void FedAdagradMatchesSpec()
    {
        var (x1, x2) = Run(ServerOptimizers.FedAdagrad());
        Near([0.00998001999998, -0.009995001249999922], x1, 1e-5);
        Near([0.019159806297800376, -0.018940415607677716], x2, 1e-5);
    }

    [Fact]
    public void FedAdamWithBiasCorrection()
    {
        var o = ServerOptimizers.FedAdam();
        o.BiasCorrection = true;
        var (x1, x2) = Run(o);
        Near([0.0997806840120553, -0.09994878874701878], x1, 1e-5);
        Near([0.16820969693896018, -0.1666847264830002], x2, 1e-5);
    }

    [Fact]
    public void FedAdamWithZeroInitialSecondMomentIsFlowersVariant()
    {
        var o = ServerOptimizers.FedAdam();
        o.InitialSecondMoment = 0;
        var (x1, x2) = Run(o);
        Near([0.09803921568627445, -0.09950248756218899], x1, 1e-5);
        Near([0.18866278643580772, -0.18900248756218893], x2, 1e-5);
    }

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

public class VersionAwareSpecReviewTests
{
    [Fact]
    public void WeightsPayloadUsesOwnBaseSnapshotNotCurrentModel()
    {
        using var m = Model(1f, 2f);
        using var agg = new VersionAwareAggregator(m, new VersionAwareOptions { BufferSize = 1, RetainedVersions = 4 });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f, 1f], client: 0), Opt());        // x1 = [2,3]
        // Δ = w − x0 = [4,0] − [1,2] = [3,−2] → x2 = [5,1]. (Against x1 it would be [2,−3] → [4,0].)
        agg.Submit(Update(UpdatePayloadKind.Weights, [4f, 0f], baseVersion: 0, client: 1), Opt());
        Near([5, 1], m.Parameters.ToArray());
    }

    [Theory]
    [InlineData(UpdatePayloadKind.ModelDelta, 1f, 2f)]
    [InlineData(UpdatePayloadKind.PseudoGradient, -1f, -2f)]
    public void DelayCompensationFollowsPlusDeltaConvention(UpdatePayloadKind kind, float p0, float p1)
    {
        using var m = Model(1f, 2f);
        using var agg = new VersionAwareAggregator(m, new VersionAwareOptions { BufferSize = 1, DelayCompensation = 0.5 });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [2f, -2f], client: 0), Opt());       // x1 = [3,0], τ = 0: no DC
        Near([3, 0], m.Parameters.ToArray());
        // Δ = [1,2], x_now − x_base = [2,−2]: Δ̃ = [1 − 0.5·1·2, 2 − 0.5·4·(−2)] = [0, 6] → x2 = [3, 6].
        agg.Submit(Update(kind, [p0, p1], baseVersion: 0, client: 1), Opt());
        Near([3, 6], m.Parameters.ToArray());
    }

    [Fact]
    public void BaseOutsideTheWindowIsRejectedForWeights()
    {
        using var m = Model(0f);
        using var agg = new VersionAwareAggregator(m, new VersionAwareOptions { BufferSize = 1, RetainedVersions = 2 });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f], client: 0), Opt());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f], baseVersion: 1, client: 0), Opt());
        // τ = 2 with W = 2 snapshots {v1, v2}: v0 is gone.
        Assert.Equal(RejectionReason.OutsideRetainedWindow, agg.Submit(Update(UpdatePayloadKind.Weights, [5f], baseVersion: 0, client: 1), Opt()).Reason);
        // τ = 1 is still inside: Δ = 5 − x1 = 4 → x = 2 + 4.
        Assert.True(agg.Submit(Update(UpdatePayloadKind.Weights, [5f], baseVersion: 1, client: 1), Opt()).Accepted);
        Near([6], m.Parameters.ToArray());
    }

    [Fact]
    public void NaNDelayCompensationIsRejectedByName()
    {
        using var m = Model(0f);
        var e = Assert.ThrowsAny<ArgumentException>(() => new VersionAwareAggregator(m, new VersionAwareOptions { DelayCompensation = double.NaN }));
        Assert.Contains("DelayCompensation", e.Message, StringComparison.Ordinal);
    }
}

public class AflSpecReviewTests
{
    [Fact]
    public void WeightsAreSampleCountOverOnePlusBetaTauNormalised()
    {
        using var m = Model(0f);
        using var agg = new AflAggregator(m, new AflOptions { BufferSize = 2 });
        // Round 1, τ = 0: ω = n = 1, 3 → (1·1 + 3·3)/4 = 2.5.
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f], client: 0, samples: 1), Opt());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [3f], client: 1, samples: 3), Opt());
        Near([2.5], m.Parameters.ToArray());
        // Round 2: ω0 = 2 (τ = 0), ω1 = 4/(1 + 0.05·1); ḡ = (2·4 + ω1·(−2))/(2 + ω1) = 4/61.
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [4f], baseVersion: 1, client: 0, samples: 2), Opt());
        var o = agg.Submit(Update(UpdatePayloadKind.ModelDelta, [-2f], baseVersion: 0, client: 1, samples: 4), Opt());
        Near(4 / 1.05, o.Weight);
        Near([2.5 + (4.0 / 61.0)], m.Parameters.ToArray(), 1e-6);
    }

    [Fact]
    public void DefaultsAreTheSeedPapersFedBuffBaseline()
    {
        var o = new AflOptions();
        Assert.Equal(5, o.BufferSize);
        Assert.Equal(ExampleWeighting.Linear, o.ExampleWeighting);
        Assert.Equal(BufferNormalization.WeightSum, o.Normalization);
        Assert.Equal(1.0 / 1.5, o.Staleness.Weight(10), 12);   // 1/(1 + 0.05·10)
    }
}

public class FedAvgSpecReviewTests
{
    [Fact]
    public void WeightsAreAveragedBySampleCount()
    {
        using var m = Model(100f, 100f);
        using var agg = new FedAvgAggregator(m, new FedAvgOptions { ExpectedRoundSize = 2 });
        agg.Submit(Update(UpdatePayloadKind.Weights, [0f, 4f], client: 0, samples: 1), Opt());
        agg.Submit(Update(UpdatePayloadKind.Weights, [8f, 0f], client: 1, samples: 3), Opt());
        Near([6, 1], m.Parameters.ToArray());     // (1·[0,4] + 3·[8,0])/4
    }

    [Fact]
    public void DeltasAndPseudoGradientsAreAveragedWithTheirSigns()
    {
        using var m = Model(1f, 1f);
        using var agg = new FedAvgAggregator(m, new FedAvgOptions { ExpectedRoundSize = 2 });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [2f, 2f], client: 0, samples: 1), Opt());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [-2f, 6f], client: 1, samples: 3), Opt());
        Near([0, 6], m.Parameters.ToArray());     // x + ([2,2] + 3·[−2,6])/4 = [1,1] + [−1,5]
        agg.Submit(Update(UpdatePayloadKind.PseudoGradient, [2f, 2f], baseVersion: 1, client: 0, samples: 1), Opt());
        agg.Submit(Update(UpdatePayloadKind.PseudoGradient, [-2f, 6f], baseVersion: 1, client: 1, samples: 3), Opt());
        Near([1, 1], m.Parameters.ToArray());     // x − [−1,5]
    }

    [Fact]
    public void NaNServerLearningRateIsRejectedByName()
    {
        using var m = Model(0f);
        var e = Assert.ThrowsAny<ArgumentException>(() => new FedAvgAggregator(m, new FedAvgOptions { ServerLearningRate = double.NaN }));
        Assert.Contains("ServerLearningRate", e.Message, StringComparison.Ordinal);
    }
}

public class SgdAggregatorSpecReviewTests
{
    [Fact]
    public void BufferedGradientsAreAveragedAndSubtracted()
    {
        using var m = Model(1f);
        using var agg = new SgdAggregator(m, new SgdAggregatorOptions { LearningRate = 0.5, BufferSize = 2 });
        agg.Submit(Update(UpdatePayloadKind.Gradient, [2f], client: 0), Opt());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [2f], client: 1), Opt());        // Δ = 2 ≡ g = −2
        Near([1], m.Parameters.ToArray());                                                // x − 0.5·(2 − 2)/2
        agg.Submit(Update(UpdatePayloadKind.Gradient, [4f], baseVersion: 1, client: 0), Opt(lr: 0.25));
        agg.Flush(new FlushOptions { Normalizer = 4 });
        Near([0.75], m.Parameters.ToArray());                                             // 1 − 0.25·4/4
    }

    [Fact]
    public void NaNLearningRateIsRejectedByName()
    {
        using var m = Model(0f);
        var e = Assert.ThrowsAny<ArgumentException>(() => new SgdAggregator(m, new SgdAggregatorOptions { LearningRate = double.NaN }));
        Assert.Contains("LearningRate", e.Message, StringComparison.Ordinal);
    }
}

public class StalenessPolicySpecReviewTests
{
    [Fact]
    public void ReweightMultipliesTheWeightBySOfTauAndEOfN()
    {
        using var m = Model(0f);
        var inner = new FedBuffAggregator(m, new FedBuffOptions { BufferSize = 1, Staleness = StalenessFunctions.Constant(), OnePerClientPerBuffer = false });
        using var agg = new ReweightAggregator(inner, new ReweightOptions { Staleness = StalenessFunctions.Inverse(1), ExampleWeighting = ExampleWeighting.Sqrt });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f]), Opt());                 // x = 1 (v1)
        // τ = 1, n = 16: w = 1/(1+1)·√16 = 2 → x = 1 + 2·3 (Count normalisation, K = 1).
        var o = agg.Submit(Update(UpdatePayloadKind.ModelDelta, [3f], baseVersion: 0, samples: 16), Opt());
        Near(2, o.Weight);
        Near([7], m.Parameters.ToArray());
    }
}
