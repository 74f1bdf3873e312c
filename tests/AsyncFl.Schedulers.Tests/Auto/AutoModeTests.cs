using Xunit;

namespace AsyncFl.Schedulers.Tests;

public class AutoModeTests
{
    [Fact]
    public void HomogeneousReliableFleetGoesSynchronous()
    {
        var d = AutoMode.Decide(new FleetProfile { ComputeSeconds = Enumerable.Repeat(2.0, 50).ToArray(), CommunicationSeconds = Enumerable.Repeat(0.5, 50).ToArray() });
        Assert.Equal(TrainingMode.Synchronous, d.Mode);
        Assert.Equal(1.0, d.PredictedSpeedup, 9);
        Assert.Equal("SyncRounds(all)", Assert.IsType<SynchronousRoundsScheduler>(AutoMode.CreateScheduler(d)).Name);
    }

    [Fact]
    public void HeterogeneousFleetGoesAsynchronousWithThePredictedSpeedup()
    {
        var tau = Enumerable.Range(1, 100).Select(i => Math.Sqrt(i)).ToArray();
        var d = AutoMode.Decide(new FleetProfile { ComputeSeconds = tau });
        Assert.Equal(TrainingMode.Asynchronous, d.Mode);
        Assert.Equal(10.10 / 1.75, Math.Round(d.SynchronousTime, 2) / Math.Round(d.AsynchronousTime, 2), 9); // §2.5 row n = 100
        Assert.Equal(3, d.OptimalWorkers);
        var scheduler = Assert.IsType<AsynchronousScheduler>(AutoMode.CreateScheduler(d));
        Assert.Equal("RingmasterB(R=1)", scheduler.Name);
    }

    [Fact]
    public void DropoutsForceAsynchronousAndThresholdsAreOptions()
    {
        var same = Enumerable.Repeat(1.0, 10).ToArray();
        Assert.Equal(TrainingMode.Asynchronous, AutoMode.Decide(new FleetProfile { ComputeSeconds = same, DropoutRate = 0.1 }).Mode);
        Assert.Equal(TrainingMode.Synchronous, AutoMode.Decide(new FleetProfile { ComputeSeconds = same, DropoutRate = 0.1 }, new AutoModeOptions { DropoutThreshold = 0.2 }).Mode);
        // Mild spread: τ = 1, 1.2: speed-up < 1.5 -> synchronous.
        Assert.Equal(TrainingMode.Synchronous, AutoMode.Decide(new FleetProfile { ComputeSeconds = [1, 1.2] }).Mode);
        var ex = Assert.Throws<ArgumentException>(() => AutoMode.Decide(new FleetProfile { ComputeSeconds = [1, -1], DropoutRate = 2 }));
        Assert.Contains("ComputeSeconds[1]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DropoutRate", ex.Message, StringComparison.Ordinal);
    }
}
