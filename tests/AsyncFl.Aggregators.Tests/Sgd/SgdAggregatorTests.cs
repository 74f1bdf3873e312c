using static AsyncFl.Aggregators.Tests.TestUtil;

namespace AsyncFl.Aggregators.Tests;

public class SgdAggregatorTests
{
    [Fact]
    public void BufferOne_IsPlainAsgd_StepsAtOnce()
    {
        using var m = Model(1f, 2f);
        using var agg = new SgdAggregator(m, new SgdAggregatorOptions { LearningRate = 0.1 });
        var o = agg.Submit(Update(UpdatePayloadKind.Gradient, [1f, -2f]), Opt(weight: 2));
        Assert.Equal(UpdateDisposition.Applied, o.Disposition);
        Assert.Equal(1, o.Version.Value);
        Assert.Equal(0, o.Sequence);
        // x − γ·w·g = [1 − 0.2, 2 + 0.4]
        Near([0.8, 2.4], m.Parameters.ToArray());
    }

    [Fact]
    public void ModelDelta_IsNegativeGradient_AndPerUpdateLearningRateOverrides()
    {
        using var m = Model(1f, 2f);
        using var agg = new SgdAggregator(m, new SgdAggregatorOptions { LearningRate = 0.1 });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f, 1f]), Opt(lr: 0.5));
        Near([1.5, 2.5], m.Parameters.ToArray());
        agg.Submit(Update(UpdatePayloadKind.PseudoGradient, [1f, 1f], baseVersion: 1), Opt());
        Near([1.4, 2.4], m.Parameters.ToArray());
    }

    [Fact]
    public void Buffer_StepsWhenFull_WithCountNormalisation()
    {
        using var m = Model(0f, 0f);
        using var agg = new SgdAggregator(m, new SgdAggregatorOptions { LearningRate = 1, BufferSize = 3 });
        Assert.Equal(UpdateDisposition.Buffered, agg.Submit(Update(UpdatePayloadKind.Gradient, [3f, 0f]), Opt()).Disposition);
        Assert.Equal(UpdateDisposition.Buffered, agg.Submit(Update(UpdatePayloadKind.Gradient, [0f, 3f]), Opt(weight: 2)).Disposition);
        Assert.Equal(2, agg.PendingCount);
        Assert.Equal(0, m.Version.Value);
        Assert.Equal([0f, 0f], m.Parameters.ToArray());
        var last = agg.Submit(Update(UpdatePayloadKind.ModelDelta, [3f, 3f]), Opt());
        Assert.Equal(UpdateDisposition.Applied, last.Disposition);
        Assert.Equal(1, m.Version.Value);
        Assert.Equal(0, agg.PendingCount);
        // acc = [3,0] + 2·[0,3] − [3,3] = [0, 3]; x = −acc/3 = [0, −1]
        Near([0, -1], m.Parameters.ToArray());
    }

    [Fact]
    public void Buffer_WeightSumNormalisation()
    {
        using var m = Model(0f);
        using var agg = new SgdAggregator(m, new SgdAggregatorOptions { LearningRate = 1, BufferSize = 2, Normalization = SgdNormalization.WeightSum });
        agg.Submit(Update(UpdatePayloadKind.Gradient, [1f]), Opt(weight: 1));
        agg.Submit(Update(UpdatePayloadKind.Gradient, [4f]), Opt(weight: 3));
        // acc = 1 + 12 = 13; Σw = 4 → x = −3.25
        Near([-3.25], m.Parameters.ToArray());
    }

    [Fact]
    public void Flush_UsesCallerNormaliser_ElseConfigured_AndEmptyFlushDoesNothing()
    {
        using var m = Model(0f, 0f);
        using var agg = new SgdAggregator(m, new SgdAggregatorOptions { LearningRate = 0.5, BufferSize = 10 });
        Assert.Equal(UpdateDisposition.Nothing, agg.Flush(FlushOptions.Default).Disposition);
        agg.Submit(Update(UpdatePayloadKind.Gradient, [2f, 4f]), Opt());
        agg.Submit(Update(UpdatePayloadKind.Gradient, [2f, 0f]), Opt());
        // acc = 0.5·[4, 4] = [2, 2]; Z = 4 (e.g. Shadowheart's Z) → x = [−0.5, −0.5]
        var f = agg.Flush(new FlushOptions { Normalizer = 4 });
        Assert.Equal(UpdateDisposition.Applied, f.Disposition);
        Assert.Equal(1, f.Version.Value);
        Near([-0.5, -0.5], m.Parameters.ToArray());
        Assert.Equal(UpdateDisposition.Nothing, agg.Flush(FlushOptions.Default).Disposition);
        Assert.Equal(1, m.Version.Value);

        agg.Submit(Update(UpdatePayloadKind.Gradient, [1f, 1f], baseVersion: 1), Opt());
        // configured Count normaliser: one update → x −= 0.5·[1,1]
        agg.Flush(FlushOptions.Default);
        Near([-1, -1], m.Parameters.ToArray());
        Assert.Equal(2, m.Version.Value);
    }

    [Fact]
    public void Flush_ZeroNormaliser_TakesNoStep_AndClearsNothingVisible()
    {
        using var m = Model(1f);
        using var agg = new SgdAggregator(m, new SgdAggregatorOptions { LearningRate = 1, BufferSize = 4 });
        agg.Submit(Update(UpdatePayloadKind.Gradient, [1f]), Opt());
        var f = agg.Flush(new FlushOptions { Normalizer = 0 });
        Assert.Equal(UpdateDisposition.Nothing, f.Disposition);
        Assert.Equal(0, m.Version.Value);
        Assert.Equal([1f], m.Parameters.ToArray());
    }

    [Fact]
    public void RejectsWeightsKind_AndInvalidLearningRate()
    {
        using var m = Model(1f);
        using var agg = new SgdAggregator(m, new SgdAggregatorOptions());
        Assert.Equal(RejectionReason.UnsupportedKind, agg.Submit(Update(UpdatePayloadKind.Weights, [1f]), Opt()).Reason);
        Assert.Equal(RejectionReason.InvalidOptions, agg.Submit(Update(UpdatePayloadKind.Gradient, [1f]), Opt(lr: double.PositiveInfinity)).Reason);
        Assert.Equal(RejectionReason.InvalidOptions, agg.Submit(Update(UpdatePayloadKind.Gradient, [1f]), Opt(lr: -1)).Reason);
        Assert.Equal(3, agg.Counters.RejectedTotal);
        Assert.Equal([1f], m.Parameters.ToArray());
    }

    [Fact]
    public void Options_ReportEveryErrorAtOnce()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SgdAggregatorOptions { LearningRate = double.NaN, BufferSize = 0, ClientCount = -1 }.Validate());
        Assert.Contains("LearningRate", ex.Message, StringComparison.Ordinal);
        Assert.Contains("BufferSize", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ClientCount", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSgd_RegistersFactory()
    {
        var b = new FederatedServerBuilder().AddSgd(new SgdAggregatorOptions { BufferSize = 3 });
        using var m = Model(0f);
        using var agg = b.AggregatorFactory!(m);
        Assert.IsType<SgdAggregator>(agg);
    }

    // Vectors computed by hand from the formulas of spec aggregation.md (derivations in the comments).
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
