using Xunit;

namespace AsyncFl.Simulation.Tests.TimeModels;

public class CommunicationLinkTests
{
    private static void Near(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void TimeIsLatencyPlusBytesOverBandwidth()
    {
        var link = new CommunicationLink(DownloadBytesPerSecond: 1e6, UploadBytesPerSecond: 2.5e5, LatencySeconds: 0.05);
        Assert.Equal(0.05 + 4.0, link.DownloadSeconds(4_000_000), 12);
        Assert.Equal(0.05 + 16.0, link.UploadSeconds(4_000_000), 12);
        Assert.Equal(0.0, link.UploadSeconds(0));
        Assert.Equal(0.0, CommunicationLink.Free.DownloadSeconds(1L << 40));
    }

    // Vectors computed by hand from the formulas of spec schedulers.md §0.3 and aggregation.md §3.2, §7 (derivations in the
    // comments).
    [Fact]
    public void CommunicationIsLatencyPlusBytesOverBandwidth()
    {
        var link = new CommunicationLink(1000, 250, 0.1);
        Near(0.6, link.DownloadSeconds(500));
        Near(2.1, link.UploadSeconds(500));
        Assert.Equal(0.0, link.UploadSeconds(0));
        Assert.Equal(0.0, CommunicationLink.Free.DownloadSeconds(1_000_000_000));
        var errors = new List<string>();
        new CommunicationLink(0, double.NaN, -1).Validate(errors, "x.");
        Assert.Equal(3, errors.Count);
    }
}
