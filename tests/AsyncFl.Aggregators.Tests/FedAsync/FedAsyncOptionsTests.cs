using static AsyncFl.Aggregators.Tests.TestUtil;

namespace AsyncFl.Aggregators.Tests;

public class FedAsyncOptionsTests
{
    [Theory]
    [InlineData(0.6, 0.5, 0L, 1.0, 0.6)]                      // α·(0+1)^−0.5·1
    [InlineData(0.6, 0.5, 3L, 1.0, 0.3)]                      // 0.6·4^−0.5
    [InlineData(0.9, 1.0, 1L, 0.5, 0.225)]                    // 0.9·2^−1·0.5
    [InlineData(0.6, 0.5, 0L, 2.0, 1.0)]                      // 1.2 clamped to 1
    public void MixingWeight_IsAlphaTimesStalenessTimesWeight_Clamped(double alpha, double a, long tau, double w, double expected)
    {
        var options = new FedAsyncOptions { Alpha = alpha, Staleness = StalenessFunctions.Polynomial(a) };
        Near(expected, options.MixingWeight(tau, w), 1e-12);
    }

    [Fact]
    public void MixingWeight_IsTheStepTheAggregatorTakes()
    {
        var options = new FedAsyncOptions { Alpha = 0.8, Staleness = StalenessFunctions.Polynomial(0.5) };
        using var model = Model(0f, 0f);
        var aggregator = options.CreateAggregator(model);

        // τ = 0: x = α_0·y.
        var first = Update(UpdatePayloadKind.Weights, [1f, 1f], baseVersion: 0);
        Assert.True(aggregator.Submit(first, Opt()).Accepted);
        double a0 = options.MixingWeight(0);
        Near([a0, a0], model.Parameters.ToArray());

        // τ = 1 (base v0, model at v1), w = 0.5: x ← (1 − α_1)·x + α_1·y.
        var second = Update(UpdatePayloadKind.Weights, [3f, -1f], baseVersion: 0);
        var outcome = aggregator.Submit(second, Opt(weight: 0.5));
        Assert.Equal(1, outcome.Staleness);
        double a1 = options.MixingWeight(1, 0.5);
        Near([(1 - a1) * a0 + a1 * 3, (1 - a1) * a0 - a1], model.Parameters.ToArray());
    }

    [Fact]
    public void MixingWeight_RejectsBadArgumentsAndInvalidOptions()
    {
        var options = new FedAsyncOptions();
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MixingWeight(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MixingWeight(0, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => options.MixingWeight(0, -0.1));
        options.Alpha = 1.5;
        Assert.Throws<ArgumentException>(() => options.MixingWeight(0));
    }
}
