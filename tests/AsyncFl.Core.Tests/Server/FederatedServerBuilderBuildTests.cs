using AsyncFl.Core.Tests.TestSupport;
using Xunit;

namespace AsyncFl.Core.Tests.Server;

public sealed class FederatedServerBuilderBuildTests
{
    [Fact]
    public void BuildReportsEveryMissingPart()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FederatedServerBuilder().Build());
        Assert.Contains("initial model", ex.Message, StringComparison.Ordinal);
        Assert.Contains("aggregator", ex.Message, StringComparison.Ordinal);
        Assert.Contains("scheduler", ex.Message, StringComparison.Ordinal);
        Assert.Contains("workload", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildRejectsDimensionMismatch()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FederatedServerBuilder()
            .WithInitialModel([1f, 2f])
            .UseAggregator(m => new TinySgdAggregator(m, 0.1))
            .UseScheduler(new OneClientRoundsScheduler())
            .UseWorkload(new IdentityQuadratic(3))
            .Build());
        Assert.Contains("dimension (3)", ex.Message, StringComparison.Ordinal);
    }
}
