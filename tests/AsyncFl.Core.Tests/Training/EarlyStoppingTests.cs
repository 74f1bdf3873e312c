using AsyncFl.Training;
using Xunit;

namespace AsyncFl.Core.Tests.Training;

public class EarlyStoppingTests
{
    [Fact]
    public void PatienceTen_NeverFiresWithinTenEpochs()
    {
        var es = new EarlyStopping(10);
        Assert.False(es.Observe(1.0));
        for (int e = 1; e < 10; e++)
        {
            Assert.False(es.Observe(2.0));
        }

        Assert.Equal(9, es.Counter);
        Assert.True(es.Observe(2.0)); // the 11th epoch would be needed
    }

    [Fact]
    public void ImprovementResetsCounter_MinDeltaRequiresStrictImprovement()
    {
        var es = new EarlyStopping(2, minDelta: 0.1);
        es.Observe(1.0);
        Assert.False(es.Observe(0.95)); // not better by > 0.1
        Assert.Equal(1, es.Counter);
        Assert.False(es.Observe(0.5));
        Assert.Equal(0, es.Counter);
        Assert.False(es.Observe(double.NaN));
        Assert.True(es.Observe(0.5));
        es.Reset();
        Assert.Equal(double.PositiveInfinity, es.BestLoss);
    }
}
