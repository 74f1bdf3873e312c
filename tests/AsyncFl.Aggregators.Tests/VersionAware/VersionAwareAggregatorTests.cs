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
}
