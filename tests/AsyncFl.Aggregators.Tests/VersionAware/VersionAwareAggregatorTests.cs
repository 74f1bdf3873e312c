using FsCheck.Xunit;

using static AsyncFl.Aggregators.Tests.TestUtil;

namespace AsyncFl.Aggregators.Tests;

public class VersionAwareAggregatorTests
{
    [Fact]
    public void WeightsPayload_IsDeltaAgainstOwnBaseSnapshot_NotCurrentModel()
    {
        using var m = Model(0f);
        using var agg = new VersionAwareAggregator(m, new VersionAwareOptions { BufferSize = 1, Staleness = StalenessFunctions.Constant() });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f], client: 0), Opt());
        // Client started from x0 = 0 and ended at 0.5. Correct: x = 1 + (0.5 − 0) = 1.5. Flower's bug: 1 + (0.5 − 1) = 0.5.
        agg.Submit(Update(UpdatePayloadKind.Weights, [0.5f], baseVersion: 0, client: 1), Opt());
        Assert.Equal([1.5f], m.Parameters.ToArray());
    }

    [Fact]
    public void DelayCompensation_MatchesHandComputation()
    {
        using var m = Model(1f, 2f);
        using var agg = new VersionAwareAggregator(m, new VersionAwareOptions { BufferSize = 1, Staleness = StalenessFunctions.Constant(), DelayCompensation = 0.1 });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f, -2f], client: 0), Opt()); // x1 = [2, 0]
        // Δ = [0.5, −1] from base x0 = [1, 2]: Δ̃ = Δ − 0.1·Δ²·(x1 − x0) = [0.5 − 0.025, −1 + 0.2] = [0.475, −0.8]
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0.5f, -1f], baseVersion: 0, client: 1), Opt());
        Near([2.475, -0.8], m.Parameters.ToArray());
    }

    [Fact]
    public void BaseOutsideWindow_IsRejected_NeverMisapplied()
    {
        using var m = Model(0f);
        using var agg = new VersionAwareAggregator(m, new VersionAwareOptions { BufferSize = 1, RetainedVersions = 2 });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f], client: 0), Opt());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f], baseVersion: 1, client: 0), Opt()); // version 2; window {1, 2}
        float[] before = m.Parameters.ToArray();
        var o = agg.Submit(Update(UpdatePayloadKind.Weights, [9f], baseVersion: 0, client: 1), Opt());
        Assert.Equal(RejectionReason.OutsideRetainedWindow, o.Reason);
        Assert.Equal(before, m.Parameters.ToArray());
        Assert.Equal(1, agg.Counters.Rejected(RejectionReason.OutsideRetainedWindow));
        // A plain delta needs no snapshot (no DC): accepted even when old.
        Assert.True(agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f], baseVersion: 0, client: 1), Opt()).Accepted);
        Assert.True(agg.Submit(Update(UpdatePayloadKind.Weights, [9f], baseVersion: 2, client: 1), Opt()).Accepted);
    }

    [Property(MaxTest = 50)]
    public bool ZeroStaleness_WeightsUpdate_EqualsFedBuffDelta(int seed)
    {
        var rng = new Random(seed);
        int d = 1 + rng.Next(64);
        int k = 1 + rng.Next(4);
        float[] x = new float[d];
        for (int i = 0; i < d; i++)
        {
            x[i] = (float)(rng.NextDouble() * 4 - 2);
        }

        using var m1 = Model(x);
        using var m2 = Model(x);
        using var va = new VersionAwareAggregator(m1, new VersionAwareOptions { BufferSize = k, Normalization = BufferNormalization.Count });
        using var fb = new FedBuffAggregator(m2, new FedBuffOptions { BufferSize = k });
        for (int u = 0; u < 3 * k; u++)
        {
            float[] cur = m2.Parameters.ToArray();
            float[] w = new float[d], delta = new float[d];
            for (int i = 0; i < d; i++)
            {
                w[i] = cur[i] + (float)(rng.NextDouble() - 0.5);
                delta[i] = w[i] - cur[i];
            }

            // τ = 0 only at the start of each buffer; later members of the buffer have τ = 0 too (version bumps at K).
            long b = m2.Version.Value;
            va.Submit(Update(UpdatePayloadKind.Weights, w, baseVersion: b, client: u), Opt());
            fb.Submit(Update(UpdatePayloadKind.ModelDelta, delta, baseVersion: b, client: u), Opt());
        }

        return m1.Parameters.ToArray().AsSpan().SequenceEqual(m2.Parameters.ToArray()) && m1.Version == m2.Version;
    }

    // Vectors computed by hand from the formulas of spec aggregation.md (derivations in the comments).
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

    /// <summary>The same update Δ = [1, 2] sent as a delta and as a pseudo-gradient (−Δ).</summary>
    public static TheoryData<UpdatePayloadKind, float, float> DelayCompensationPayloads => new()
    {
        { UpdatePayloadKind.ModelDelta, 1f, 2f },
        { UpdatePayloadKind.PseudoGradient, -1f, -2f },
    };

    [Theory]
    [MemberData(nameof(DelayCompensationPayloads))]
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
