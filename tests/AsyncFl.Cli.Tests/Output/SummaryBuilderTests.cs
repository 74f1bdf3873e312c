using AsyncFl.Cli.Output;
using Xunit;

namespace AsyncFl.Cli.Tests.Output;

public class SummaryBuilderTests
{
    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(25, 1.0)]
    [InlineData(26, 2.0)]
    [InlineData(50, 2.0)]
    [InlineData(90, 4.0)]
    [InlineData(100, 4.0)]
    public void PercentileIsTheNearestRank(double p, double expected)
    {
        // Sorted 1, 2, 3, 4: the smallest value with at least p% of the values at or below it; rank ⌈p·n/100⌉.
        Assert.Equal(expected, SummaryBuilder.Percentile([1, 2, 3, 4], p)!.Value, 12);
    }

    [Fact]
    public void PercentileOfNothingIsNull() => Assert.Null(SummaryBuilder.Percentile([], 50));
}
