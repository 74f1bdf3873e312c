using static AsyncFl.Aggregators.Tests.TestUtil;

namespace AsyncFl.Aggregators.Tests;

public class AflAggregatorTests
{
    [Fact]
    public void Weights_AreSampleCountTimesPenalty_Normalised()
    {
        using var m = Model(0f);
        for (int i = 0; i < 20; i++)
        {
            m.BumpVersion();
        }

        using var agg = new AflAggregator(m, new AflOptions { BufferSize = 2 });
        var a = agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f], baseVersion: 20, samples: 100, client: 0), Opt()); // ω = 100
        var b = agg.Submit(Update(UpdatePayloadKind.ModelDelta, [4f], baseVersion: 0, samples: 300, client: 1), Opt());  // τ = 20: ω = 300/2 = 150
        Assert.Equal(100, a.Weight, 10);
        Assert.Equal(150, b.Weight, 10);
        Near([((100 * 1.0) + (150 * 4.0)) / 250], m.Parameters.ToArray());
    }

    [Fact]
    public void ZeroStaleness_FullRound_IsDatasetSizeWeightedAverageOfDeltas()
    {
        using var m = Model(10f);
        using var agg = new AflAggregator(m, new AflOptions());
        int[] n = [10, 20, 30, 40, 50];
        float[] d = [1f, 2f, 3f, 4f, 5f];
        for (int i = 0; i < 5; i++)
        {
            agg.Submit(Update(UpdatePayloadKind.ModelDelta, [d[i]], samples: n[i], client: i), Opt());
        }

        Near([10 + (550.0 / 150.0)], m.Parameters.ToArray());
    }

    // Vectors computed by hand from the formulas of spec aggregation.md (derivations in the comments).
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
