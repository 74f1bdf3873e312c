using Xunit;

namespace AsyncFl.Testing.Tests.Generators;

/// <summary>The shrinkers offer strictly simpler candidates and stop.</summary>
public sealed class ShrinkerTests
{
    [Fact]
    public void AFleetShrinksToOnePlainClientAndStops()
    {
        var fleet = new FleetSpec([2.5, 7, 1], NoiseMean: 0.7, DropoutProbability: 0.3, AvailableFraction: 0.5, LatencySeconds: 0.2);
        var current = fleet;
        int steps = 0;
        // Always take the first candidate, as FsCheck does when every candidate fails.
        while (Arbitraries.Fleets().Shrinker(current).FirstOrDefault() is { } next)
        {
            current = next;
            Assert.True(++steps < 100, "the shrinker does not terminate");
        }

        Assert.Equal(1, current.Clients);
        Assert.Equal(0, current.NoiseMean);
        Assert.Equal(0, current.DropoutProbability);
        Assert.Equal(1, current.AvailableFraction);
        Assert.Equal(0, current.LatencySeconds);
        Assert.Equal(1, current.SecondsPerStep[0]);
    }

    [Fact]
    public void ValuesShrinkTowardZeroAndExtremesStayFinite()
    {
        Assert.Empty(Arbitraries.ShrinkValue(0f));
        Assert.Equal(0f, Arbitraries.ShrinkValue(float.MaxValue).First());
        Assert.All(Arbitraries.ShrinkValue(float.MaxValue), v => Assert.True(float.IsFinite(v) && Math.Abs(v) < float.MaxValue));
        Assert.Contains(3f, Arbitraries.ShrinkValue(3.5f));
    }

    [Fact]
    public void GeneratedHostileUpdatesAreAllRejected()
    {
        var sample = FsCheck.Fluent.Gen.Sample(Arbitraries.HostileUpdates(3).Generator, 50);
        Assert.All(sample, s => Assert.NotEqual(HostileKind.None, s.Hostility));
        var script = new AggregatorScript([1f, 2f, 3f], UpdatePayloadKind.ModelDelta, [.. FsCheck.Fluent.Gen.Sample(Arbitraries.Updates(3).Generator, 1), .. sample]);
        script.Check(m => new Aggregators.FedBuffOptions { BufferSize = 2 }.CreateAggregator(m)).Assert();
    }
}
