using AsyncFl.Core.Tests.TestSupport;
using AsyncFl.Engine;
using AsyncFl.Metrics;
using AsyncFl.Testing;
using Xunit;

namespace AsyncFl.Core.Tests.Metrics;

public sealed class TrainingMeterTests
{
    [Fact]
    public async Task TwoServersInOneProcessAreToldApartAndTheMeterRebuildsTheAccounting()
    {
        // (server tag, instrument, attribute values) → sum of the measurements.
        var sums = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TrainingMeter.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) =>
        {
            string server = instrument.Meter.Tags?.FirstOrDefault(t => t.Key == TrainingMeter.ServerTag).Value as string ?? "?";
            var parts = new List<string> { server, instrument.Name };
            foreach (var tag in tags)
            {
                parts.Add($"{tag.Key}={tag.Value}");
            }

            sums.AddOrUpdate(string.Join('|', parts), value, (_, old) => old + value);
        });
        listener.Start();

        static FederatedServer Server(string name, int concurrency) => new FederatedServerBuilder()
            .WithName(name)
            .WithInitialModel([1f])
            .UseAggregator(m => new TinySgdAggregator(m, 0.1))
            .UseScheduler(new KeepBusyScheduler(concurrency))
            .UseWorkload(new IdentityQuadratic(1))
            .Build();

        using var alpha = Server("alpha", 1);
        using var beta = Server("beta", 3);
        var runs = await Task.WhenAll(
            new RealTimeRunner(alpha, new RealTimeRunnerOptions { ClientCount = 1, MaxServerSteps = 5 }).RunAsync(),
            new RealTimeRunner(beta, new RealTimeRunnerOptions { ClientCount = 3, MaxServerSteps = 7 }).RunAsync());
        long Sum(string key) => sums.GetValueOrDefault(key);

        foreach (var (server, result) in new[] { (alpha, runs[0]), (beta, runs[1]) })
        {
            var st = result.Statistics;
            string n = server.Name;
            Assert.Equal(st.TasksDispatched, Sum($"{n}|asyncfl.tasks.dispatched"));
            Assert.Equal(st.TasksCompleted, Sum($"{n}|asyncfl.tasks.ended|asyncfl.task.end_reason=completed"));
            Assert.Equal(st.TasksAbandoned, Sum($"{n}|asyncfl.tasks.ended|asyncfl.task.end_reason=abandoned"));
            Assert.Equal(0, Sum($"{n}|asyncfl.tasks.in_flight"));
            long ended = sums.Where(kv => kv.Key.StartsWith($"{n}|asyncfl.tasks.ended|", StringComparison.Ordinal)).Sum(kv => kv.Value);
            Assert.Equal(Sum($"{n}|asyncfl.tasks.dispatched"), ended); // exactly once, rebuilt from the meter alone
            Assert.Equal(st.Applied, Sum($"{n}|asyncfl.updates|asyncfl.update.outcome=applied"));
            Assert.Equal(st.ServerSteps, Sum($"{n}|asyncfl.server.steps"));
        }

        Assert.Equal(5, runs[0].Statistics.ServerSteps);
        Assert.Equal(7, runs[1].Statistics.ServerSteps);
    }

    [Fact]
    public void AMeterFactoryCreatesTheMeter_AndKeepsOwningIt()
    {
        using var factory = new RecordingMeterFactory();
        var server = new FederatedServerBuilder()
            .WithName("from-factory")
            .UseMeterFactory(factory)
            .WithInitialModel([1f])
            .UseAggregator(m => new TinySgdAggregator(m, 0.1))
            .UseScheduler(new KeepBusyScheduler(10))
            .UseWorkload(new IdentityQuadratic(1))
            .Build();
        var meter = Assert.Single(factory.Created);
        Assert.Equal(TrainingMeter.Name, meter.Name);
        Assert.Contains(new KeyValuePair<string, object?>(TrainingMeter.ServerTag, "from-factory"), meter.Tags!);
        server.Dispose();
        Assert.False(factory.Disposed);
    }

    [Theory]
    [InlineData(TaskEndReason.TimedOut, "timed_out")]
    [InlineData(TaskEndReason.Completed, "completed")]
    public void EndReasonsAreSnakeCase(TaskEndReason reason, string expected) =>
        Assert.Equal(expected, TrainingMeter.EndReasonName(reason));

    [Fact]
    public void RejectionReasonsAreSnakeCase() =>
        Assert.Equal("outside_retained_window", TrainingMeter.RejectionReasonName(RejectionReason.OutsideRetainedWindow));

    private sealed class RecordingMeterFactory : System.Diagnostics.Metrics.IMeterFactory
    {
        public List<System.Diagnostics.Metrics.Meter> Created { get; } = [];

        public bool Disposed { get; private set; }

        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options)
        {
            var meter = new System.Diagnostics.Metrics.Meter(options);
            Created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            Disposed = true;
            foreach (var m in Created)
            {
                m.Dispose();
            }
        }
    }
}
