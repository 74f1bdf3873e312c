using Xunit;

namespace AsyncFl.Schedulers.Tests;

public class SchedulerBuilderExtensionsTests
{
    [Fact]
    public void EachFamilyAndAlgorithmHasOneExtensionThatSetsItsScheduler()
    {
        Assert.IsType<RennalaScheduler>(new FederatedServerBuilder().AddRennala(new RennalaOptions { BatchSize = 4 }).Scheduler);
        Assert.Equal("RingmasterB(R=2)", Assert.IsType<AsynchronousScheduler>(new FederatedServerBuilder().AddAsynchronous(Ringmaster.Options(2)).Scheduler).Name);
        Assert.Equal("ASGD", new FederatedServerBuilder().AddAsynchronous(Asgd.Options()).Scheduler!.Name);
        Assert.IsType<SynchronousRoundsScheduler>(new FederatedServerBuilder().AddSynchronousRounds().Scheduler);
        var decision = AutoMode.Decide(new FleetProfile { ComputeSeconds = [1, 1, 1] });
        Assert.IsType<SynchronousRoundsScheduler>(new FederatedServerBuilder().AddAuto(decision).Scheduler);

        // The schedulers do not set an aggregator: that is the aggregator package's (no Schedulers → Aggregators reference).
        Assert.Null(new FederatedServerBuilder().AddAsynchronous().AggregatorFactory);
    }
}
