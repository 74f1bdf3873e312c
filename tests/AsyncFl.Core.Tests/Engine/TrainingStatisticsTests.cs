using AsyncFl.Engine;
using AsyncFl.Scheduling;
using Xunit;

namespace AsyncFl.Core.Tests.Engine;

public sealed class TrainingStatisticsTests
{
    [Fact]
    public async Task PercentilesAreExactNearestRank()
    {
        // Ten sequential tasks on one client (exact latency values are checked in the virtual-clock tests);
        // here: counts, histogram, participation and the nearest-rank definition (P99 of 10 values is the maximum).
        using var server = new FederatedServerBuilder()
            .WithInitialModel([1f, 1f])
            .UseAggregator(m => new TinySgdAggregator(m, 0.1))
            .AddAsynchronous(new AsynchronousSchedulerOptions { Concurrency = 1 })
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
    public async Task MeterPublishesCountersWithReasonTags()
    {
        long dispatched = 0, applied = 0;
        System.Diagnostics.Metrics.Meter? mine = null;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Metrics.TrainingMeter.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) =>
        {
            if (!ReferenceEquals(instrument.Meter, Volatile.Read(ref mine)))
            {
                return;
            }

            if (instrument.Name == Metrics.TrainingMeter.TasksDispatched)
            {
                Interlocked.Add(ref dispatched, value);
            }
            else if (instrument.Name == Metrics.TrainingMeter.UpdatesApplied)
            {
                Interlocked.Add(ref applied, value);
            }
        });
        listener.Start();
        using var server = new FederatedServerBuilder()
            .WithInitialModel([1f])
            .UseAggregator(m => new TinySgdAggregator(m, 0.1))
            .AddAsynchronous(new AsynchronousSchedulerOptions { Concurrency = 1 })
            .UseWorkload(new IdentityQuadratic(1))
            .Build();
        Volatile.Write(ref mine, server.Meter);
        var runner = new RealTimeRunner(server, new RealTimeRunnerOptions { ClientCount = 1, MaxServerSteps = 5 });
        var result = await runner.RunAsync();
        Assert.Equal(5, Interlocked.Read(ref applied));
        Assert.Equal(result.Statistics.TasksDispatched, Interlocked.Read(ref dispatched));
    }
}

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
            .AddSynchronousRounds()
            .UseWorkload(new IdentityQuadratic(3))
            .Build());
        Assert.Contains("dimension (3)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BaselineOptionsAreValidated()
    {
        var a = Assert.Throws<ArgumentException>(() => new AsynchronousSchedulerOptions { Concurrency = 0, LocalSteps = 0, ClientLearningRate = double.PositiveInfinity, TimeLimitSeconds = double.NaN }.Validate());
        Assert.Contains("Concurrency", a.Message, StringComparison.Ordinal);
        Assert.Contains("LocalSteps", a.Message, StringComparison.Ordinal);
        Assert.Contains("ClientLearningRate", a.Message, StringComparison.Ordinal);
        Assert.Contains("TimeLimitSeconds", a.Message, StringComparison.Ordinal);
        var s = Assert.Throws<ArgumentException>(() => new SynchronousRoundsSchedulerOptions { ClientsPerRound = 0, RoundDeadlineSeconds = double.NaN }.Validate());
        Assert.Contains("ClientsPerRound", s.Message, StringComparison.Ordinal);
        Assert.Contains("RoundDeadlineSeconds", s.Message, StringComparison.Ordinal);
    }
}
