
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
}
