using FsCheck.Xunit;

using static AsyncFl.Aggregators.Tests.TestUtil;

namespace AsyncFl.Aggregators.Tests;

public class StalenessPolicyTests
{
    [Fact]
    public void Reject_RefusesTooStaleAndFuture_CountsThem_ForwardsTheRest()
    {
        using var m = Model(0f);
        using var agg = new RejectStaleAggregator(new SgdAggregator(m, new SgdAggregatorOptions { LearningRate = 1 }), new RejectStaleOptions { MaxStaleness = 1 });
        agg.Submit(Update(UpdatePayloadKind.Gradient, [1f]), Opt());
        agg.Submit(Update(UpdatePayloadKind.Gradient, [1f], baseVersion: 1), Opt());
        Assert.Equal(RejectionReason.TooStale, agg.Submit(Update(UpdatePayloadKind.Gradient, [1f], baseVersion: 0), Opt()).Reason);
        Assert.Equal(RejectionReason.FutureVersion, agg.Submit(Update(UpdatePayloadKind.Gradient, [1f], baseVersion: 9), Opt()).Reason);
        Assert.True(agg.Submit(Update(UpdatePayloadKind.Gradient, [1f], baseVersion: 1), Opt()).Accepted); // τ = 1 ok
        Assert.Equal(1, agg.Counters.Rejected(RejectionReason.TooStale));
        Assert.Equal(1, agg.Counters.Rejected(RejectionReason.FutureVersion));
        Assert.Equal([-3f], m.Parameters.ToArray());
    }

    [Fact]
    public void Reweight_MultipliesWeightByStalenessAndExampleWeight()
    {
        using var m = Model(0f);
        using var agg = new ReweightAggregator(
            new SgdAggregator(m, new SgdAggregatorOptions { LearningRate = 1 }),
            new ReweightOptions { Staleness = StalenessFunctions.Polynomial(1), ExampleWeighting = ExampleWeighting.Log10 });
        agg.Submit(Update(UpdatePayloadKind.Gradient, [1f], samples: 9), Opt());                // w = 1·log10(10) = 1
        var o = agg.Submit(Update(UpdatePayloadKind.Gradient, [1f], baseVersion: 0, samples: 99), Opt(weight: 3)); // 3·(1/2)·2 = 3
        Assert.Equal(3, o.Weight, 10);
        Near([-4], m.Parameters.ToArray());
    }

    [Property(MaxTest = 60)]
    public bool Reweight_NeverChangesDirectionOfASingleUpdate(int seed, byte tau, byte samples)
    {
        var rng = new Random(seed);
        int d = 1 + rng.Next(16);
        float[] g = new float[d];
        for (int i = 0; i < d; i++)
        {
            g[i] = (float)(rng.NextDouble() - 0.5);
        }

        using var m = Model(new float[d]);
        for (int k = 0; k < tau % 30; k++)
        {
            m.BumpVersion();
        }

        using var agg = new ReweightAggregator(
            new SgdAggregator(m, new SgdAggregatorOptions { LearningRate = 1 }),
            new ReweightOptions { Staleness = StalenessFunctions.Hinge(1, 3), ExampleWeighting = ExampleWeighting.Sqrt });
        agg.Submit(Update(UpdatePayloadKind.Gradient, g, baseVersion: 0, samples: 1 + samples), Opt());
        float[] step = m.Parameters.ToArray();
        // step = −c·g with c > 0: cosine(step, −g) = 1
        double dot = 0, n1 = 0, n2 = 0;
        for (int i = 0; i < d; i++)
        {
            dot += -step[i] * g[i];
            n1 += step[i] * (double)step[i];
            n2 += g[i] * (double)g[i];
        }

        return n2 == 0 || (dot > 0 && Math.Abs((dot / Math.Sqrt(n1 * n2)) - 1) < 1e-6);
    }

    [Fact]
    public void BuilderExtensions_WrapTheConfiguredAggregator()
    {
        var b = new FederatedServerBuilder().AddFedBuff().AddReweightPolicy().AddRejectStalePolicy(new RejectStaleOptions { MaxStaleness = 3 });
        using var m = Model(0f);
        using var agg = b.AggregatorFactory!(m);
        var outer = Assert.IsType<RejectStaleAggregator>(agg);
        var mid = Assert.IsType<ReweightAggregator>(outer.Inner);
        Assert.IsType<FedBuffAggregator>(mid.Inner);
    }

    // Vectors computed by hand from the formulas of spec aggregation.md (derivations in the comments).
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
