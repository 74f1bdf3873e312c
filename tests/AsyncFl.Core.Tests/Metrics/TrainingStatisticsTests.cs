using AsyncFl.Core.Tests.TestSupport;
using AsyncFl.Engine;
using AsyncFl.Metrics;
using AsyncFl.Testing;
using Xunit;

namespace AsyncFl.Core.Tests.Metrics;

/// <summary>The training statistics (issue 4 §6, docs/statistics.md): nearest-rank latency percentiles, dropout rate, staleness
/// histogram, participation and rates. The vectors recorded through <see cref="TrainingRecorder"/> were computed by hand.</summary>
public sealed class TrainingStatisticsTests
{
    private static void Near(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    private static TrainingStatistics Latencies(params double[] latencies)
    {
        using var r = new TrainingRecorder("test", null);
        r.Initialise(1);
        foreach (double l in latencies)
        {
            r.RecordDispatch();
            r.RecordEnd(TaskEndReason.Completed, l);
        }

        return r.Snapshot(1.0, ModelVersion.Initial, 0);
    }

    [Fact]
    public async Task PercentilesAreExactNearestRank()
    {
        // Ten sequential tasks on one client (exact latency values are checked in the virtual-clock tests);
        // here: counts, histogram, participation and the nearest-rank definition (P99 of 10 values is the maximum).
        using var server = new FederatedServerBuilder()
            .WithInitialModel([1f, 1f])
            .UseAggregator(m => new TinySgdAggregator(m, 0.1))
            .UseScheduler(new KeepBusyScheduler(1))
            .UseWorkload(new IdentityQuadratic(2))
            .Build();
        var runner = new RealTimeRunner(server, new RealTimeRunnerOptions { ClientCount = 1, MaxServerSteps = 10 });
        var result = await runner.RunAsync();
        var st = result.Statistics;
        Assert.Equal(10, st.Applied);
        Assert.Equal(10, st.ServerSteps);
        Assert.Equal(10, st.Participation[0]);
        Assert.Equal(10, st.StalenessHistogram[0]);
        Assert.True(st.P50ClientLatency <= st.P90ClientLatency && st.P90ClientLatency <= st.P99ClientLatency);
        Assert.Equal(st.LatencyPercentile(1.0), st.P99ClientLatency); // 10 values: rank ⌈0.99·10⌉ = 10 = the maximum
        Assert.Equal(0.0, st.DropoutRate);
        Assert.Contains("P99", st.Format(), StringComparison.Ordinal);
        Assert.Contains("dropout rate", st.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => st.LatencyPercentile(double.NaN));
    }

    [Fact]
    public void NearestRankPercentilesOnTenValues()
    {
        // sorted 1..10: P50 = 5th, P90 = 9th, P99 = ⌈9.9⌉ = 10th.
        var s = Latencies(5, 1, 9, 3, 7, 2, 8, 4, 10, 6);
        Assert.Equal(5.0, s.P50ClientLatency);
        Assert.Equal(9.0, s.P90ClientLatency);
        Assert.Equal(10.0, s.P99ClientLatency);
        Near(5.5, s.MeanClientLatency);
    }

    [Fact]
    public void NearestRankPercentilesOnSevenValues()
    {
        // sorted [1, 1.5, 2.6, 3, 4, 5.3, 9]: P50 ⌈3.5⌉ = 4th = 3; P90 ⌈6.3⌉ = 7th = 9; P25 ⌈1.75⌉ = 2nd = 1.5; P0 → min.
        var s = Latencies(3.0, 1.0, 4.0, 1.5, 9.0, 2.6, 5.3);
        Assert.Equal(3.0, s.P50ClientLatency);
        Assert.Equal(9.0, s.P90ClientLatency);
        Assert.Equal(9.0, s.P99ClientLatency);
        Assert.Equal(1.5, s.LatencyPercentile(0.25));
        Assert.Equal(1.0, s.LatencyPercentile(0));
        Assert.Equal(4.0, s.LatencyPercentile(5.0 / 7.0)); // exactly 5 of 7 at or below: the 5th value
        Assert.Throws<ArgumentOutOfRangeException>(() => s.LatencyPercentile(double.NaN));
        Assert.True(double.IsNaN(Latencies().P50ClientLatency));
    }

    [Fact]
    public void NearestRankOnHundredValuesHasNoRoundingOffByOne()
    {
        // latencies 1..100: P50 = 50, P90 = 90, P99 = 99 exactly.
        var s = Latencies([.. Enumerable.Range(1, 100).Reverse().Select(i => (double)i)]);
        Assert.Equal(50.0, s.P50ClientLatency);
        Assert.Equal(90.0, s.P90ClientLatency);
        Assert.Equal(99.0, s.P99ClientLatency);
        Assert.Equal(7.0, s.LatencyPercentile(0.07)); // 0.07·100 is 7.000000000000001 in floating point
    }

    [Fact]
    public void DropoutRateIsDroppedOverTasksThatEndedOnTheirOwn()
    {
        using var r = new TrainingRecorder("test", null);
        r.Initialise(1);
        for (int i = 0; i < 10; i++)
        {
            r.RecordDispatch();
            r.RecordEnd(i < 7 ? TaskEndReason.Completed : TaskEndReason.Dropped, 1.0);
        }

        var s = r.Snapshot(10, ModelVersion.Initial, 0);
        Near(0.3, s.DropoutRate); // with no censored task this is dropped / dispatched = 3/10
        Assert.Equal(10, s.TasksDispatched);

        // one more cancelled (censored) and one timed out: 3 / (7 + 3 + 1) per docs/statistics.md
        r.RecordDispatch();
        r.RecordEnd(TaskEndReason.Cancelled, 0);
        r.RecordDispatch();
        r.RecordEnd(TaskEndReason.TimedOut, 0);
        var t = r.Snapshot(10, ModelVersion.Initial, 0);
        Near(3.0 / 11.0, t.DropoutRate);
        Assert.Equal((7L, 1L, 1L, 3L), (t.TasksCompleted, t.TasksCancelled, t.TasksTimedOut, t.TasksDropped));
    }

    [Fact]
    public void StalenessHistogramParticipationAndRatesByHand()
    {
        using var r = new TrainingRecorder("test", null);
        r.Initialise(3);
        r.RecordAccepted(UpdateDisposition.Applied, 0, 0);
        r.RecordAccepted(UpdateDisposition.Buffered, 2, 1);
        r.RecordAccepted(UpdateDisposition.Applied, 2, 1);
        r.RecordAccepted(UpdateDisposition.Applied, 5, 2);
        r.RecordServerSteps(1, 2.0, fromFlush: false);
        r.RecordServerSteps(1, 5.0, fromFlush: true);
        r.RecordServerSteps(1, 6.0, fromFlush: true);
        var s = r.Snapshot(2.0, new ModelVersion(3), 0);
        Assert.Equal([1L, 0, 2, 0, 0, 1], s.StalenessHistogram);
        Near(9.0 / 4.0, s.MeanStaleness);
        Assert.Equal([1, 2, 1], s.Participation);
        Assert.Equal(3, s.ParticipatingClients);
        Assert.Equal((3L, 1L), (s.Applied, s.Buffered));
        Near(2.0, s.UpdatesPerSecond);                      // 4 accepted / 2 s
        Near(2.0, s.MeanStepInterval);                      // (2 + 3 + 1) / 3
        Near(3.0, s.MeanRoundTime);                         // flushes at 5 (from 0) and 6: (5 + 1) / 2
        Assert.Equal(2, s.Rounds);

        r.RecordAccepted(UpdateDisposition.Applied, 100, 0); // beyond the initial 64 buckets
        var t = r.Snapshot(2.0, new ModelVersion(3), 0);
        Assert.Equal(101, t.StalenessHistogram.Count);
        Assert.Equal(1L, t.StalenessHistogram[100]);
        Assert.Equal(5L, t.StalenessHistogram.Sum());
    }
}
