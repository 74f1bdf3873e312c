using static AsyncFl.Aggregators.Tests.TestUtil;

namespace AsyncFl.Aggregators.Tests;

public class FedAvgAggregatorTests
{
    [Fact]
    public void IdenticalModels_AreTheIdentity_BitExact()
    {
        float[] w = [0.1f, -3.3f, 7e-5f, 12345.678f];
        using var m = Model(9f, 9f, 9f, 9f);
        using var agg = new FedAvgAggregator(m, new FedAvgOptions { ExpectedRoundSize = 3 });
        agg.Submit(Update(UpdatePayloadKind.Weights, w, samples: 17, client: 0), Opt());
        agg.Submit(Update(UpdatePayloadKind.Weights, w, samples: 3, client: 1), Opt());
        var o = agg.Submit(Update(UpdatePayloadKind.Weights, w, samples: 101, client: 2), Opt());
        Assert.Equal(UpdateDisposition.Applied, o.Disposition);
        Assert.Equal(w, m.Parameters.ToArray());
    }

    [Fact]
    public void SampleWeightedAverage_OfModelsAndDeltas()
    {
        using var m = Model(0f, 0f);
        using var agg = new FedAvgAggregator(m, new FedAvgOptions());
        agg.Submit(Update(UpdatePayloadKind.Weights, [1f, 0f], samples: 1), Opt());
        agg.Submit(Update(UpdatePayloadKind.Weights, [0f, 4f], samples: 3), Opt());
        Assert.Equal(RejectionReason.UnsupportedKind, agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0f, 4f]), Opt()).Reason);
        agg.Flush(FlushOptions.Default);
        Near([0.25, 3.0], m.Parameters.ToArray());

        agg.Submit(Update(UpdatePayloadKind.PseudoGradient, [1f, 1f], baseVersion: 1, samples: 2), Opt());
        agg.Submit(Update(UpdatePayloadKind.PseudoGradient, [4f, 0f], baseVersion: 1, samples: 2), Opt());
        Assert.Equal(RejectionReason.TooStale, agg.Submit(Update(UpdatePayloadKind.PseudoGradient, [4f, 0f], baseVersion: 0), Opt()).Reason);
        agg.Flush(FlushOptions.Default);
        Near([0.25 - 2.5, 3.0 - 0.5], m.Parameters.ToArray());
        Assert.Equal(2, m.Version.Value);
    }

    // Vectors computed by hand from the formulas of spec aggregation.md (derivations in the comments).
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
