using static AsyncFl.Aggregators.Tests.TestUtil;

namespace AsyncFl.Aggregators.Tests;

public class FedBuffAggregatorTests
{
    [Fact]
    public void KOne_ZeroStaleness_EqualsPlainDeltaApplication()
    {
        float[] x0 = [0.1f, -3.7f, 1e3f, 2.5e-4f];
        float[] delta = [0.3f, 1.1f, -7.25f, 1e-3f];
        using var m = Model(x0);
        using var agg = new FedBuffAggregator(m, new FedBuffOptions { BufferSize = 1 });
        var o = agg.Submit(Update(UpdatePayloadKind.ModelDelta, delta), Opt());
        Assert.Equal(UpdateDisposition.Applied, o.Disposition);
        float[] expected = new float[x0.Length];
        for (int i = 0; i < x0.Length; i++)
        {
            expected[i] = x0[i] + delta[i];
        }

        Assert.Equal(expected, m.Parameters.ToArray());
        Assert.Equal(1, m.Version.Value);
    }

    [Fact]
    public void Buffer_IsStalenessWeightedSumOverK_PseudoGradientNegated()
    {
        using var m = Model(0f, 0f);
        using var agg = new FedBuffAggregator(m, new FedBuffOptions { BufferSize = 3 });
        m.BumpVersion();
        m.BumpVersion();
        m.BumpVersion(); // version 3
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f, 0f], baseVersion: 3, client: 0), Opt());      // s=1
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0f, 2f], baseVersion: 0, client: 1), Opt());      // τ=3, s=1/2
        var o = agg.Submit(Update(UpdatePayloadKind.PseudoGradient, [3f, 3f], baseVersion: 2, client: 2), Opt()); // Δ=−3, s=1/√2
        Assert.Equal(UpdateDisposition.Applied, o.Disposition);
        double s = 1 / Math.Sqrt(2);
        Near([(1 - (3 * s)) / 3, (1 - (3 * s)) / 3], m.Parameters.ToArray());
        Assert.Equal(4, m.Version.Value);
    }

    [Fact]
    public void StaleDelta_IsUsedAsSent_NotRecomputedAgainstCurrentModel()
    {
        // Flower's closed FedBuff PR computed Δ = w_client − x_now. With base-relative deltas, a client that started at
        // x0 = 0 and moved by +0.5 moves the model (now at 1) to 1.5, not to 0.5.
        using var m = Model(0f);
        using var agg = new FedBuffAggregator(m, new FedBuffOptions { BufferSize = 1, Staleness = StalenessFunctions.Constant() });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f], client: 0), Opt());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0.5f], baseVersion: 0, client: 1), Opt());
        Assert.Equal([1.5f], m.Parameters.ToArray());
    }

    [Fact]
    public void OnePerClientPerBuffer_AndPartialFlush()
    {
        using var m = Model(0f);
        using var agg = new FedBuffAggregator(m, new FedBuffOptions { BufferSize = 10 });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [2f], client: 7), Opt());
        Assert.Equal(RejectionReason.ClientAlreadyInBuffer, agg.Submit(Update(UpdatePayloadKind.ModelDelta, [2f], client: 7), Opt()).Reason);
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [4f], client: 8), Opt());
        Assert.Equal(2, agg.PendingCount);
        var f = agg.Flush(FlushOptions.Default);
        Assert.Equal(UpdateDisposition.Applied, f.Disposition);
        Assert.Equal([3f], m.Parameters.ToArray()); // partial buffer: mean of the 2 buffered
        Assert.Equal(0, agg.PendingCount);
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [2f], baseVersion: 1, client: 7), Opt()); // new buffer: allowed again
        Assert.Equal(1, agg.PendingCount);
    }

    [Fact]
    public void ServerMomentum_IsFedAvgM()
    {
        using var m = Model(0f);
        using var agg = new FedBuffAggregator(m, new FedBuffOptions { BufferSize = 1, ServerOptimizer = ServerOptimizers.FedAvgM(0.5, 0.9) });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f]), Opt());        // m = 1, x = 0.5
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f], baseVersion: 1), Opt()); // m = 1.9, x = 1.45
        Near([1.45], m.Parameters.ToArray());
    }

    // Vectors computed by hand or with a few lines of Python (in double; the backend is float32, hence the 1e-5 relative
    // tolerances) from the formulas of spec aggregation.md.
    // Round 1 (τ = 0): ḡ = ([2,0] + [0,4])/2 = [1,2] → x = [2,3] (v1).
    // Round 2: pseudo-gradient g = [3,3] from base 0 (τ = 1, s = 1/√2) enters as −g; delta [1,−1] from base 1.
    // acc = −[3,3]/√2 + [1,−1]; x = [2,3] + acc/Z with Z = 2 (Count) or 1/√2 + 1 (WeightSum).
    private static float[] TwoRoundsOfMixedPayloads(BufferNormalization normalization)
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

    /// <summary>(normalisation, x after the two rounds of <see cref="TwoRoundsOfMixedPayloads"/>).</summary>
    public static TheoryData<BufferNormalization, double[]> NormalisationVectors => new()
    {
        { BufferNormalization.Count, [1.4393398282201788, 1.4393398282201788] },         // Z = K = 2
        { BufferNormalization.WeightSum, [1.3431457505076199, 1.1715728752538100] },     // Z = 1/√2 + 1
    };

    [Theory]
    [MemberData(nameof(NormalisationVectors))]
    public void NormalisationDividesTheStalenessWeightedSum(BufferNormalization normalization, double[] expected) =>
        Near(expected, TwoRoundsOfMixedPayloads(normalization), 1e-5);

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
