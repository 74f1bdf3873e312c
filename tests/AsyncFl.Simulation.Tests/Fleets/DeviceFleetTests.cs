using Xunit;
using Xunit.Abstractions;

namespace AsyncFl.Simulation.Tests.Fleets;

public class DeviceFleetTests
{
    private readonly ITestOutputHelper _output;

    public DeviceFleetTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void FromComputeTimesIsTheFixedModel()
    {
        DeviceFleet fleet = DeviceFleet.FromComputeTimes(ComputeTimes.SqrtIndex(5));
        Assert.Equal(5, fleet.Count);
        Assert.Equal(3 * Math.Sqrt(4), fleet.ComputeSeconds(3, 3, 0, 0, new RandomSource(1)), 12);
        Assert.Equal(0.0, fleet.DownloadSeconds(0, 1000));
        Assert.True(fleet.IsAvailable(4, 1e9));
        Assert.Equal(double.PositiveInfinity, fleet.NextAvailabilityChange(4, 0));
        Assert.False(fleet.DrawFailure(2, 10, new RandomSource(1), out _));
    }

    [Fact]
    public void RingmasterFleetMatchesTheScript()
    {
        const int n = 50;
        DeviceFleet fleet = DeviceFleet.Ringmaster(n, new RandomSource(26));
        double[] tau = Enumerable.Range(0, n).Select(fleet.SecondsPerUnit).Order().ToArray();
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(1 + Math.Sqrt(i), tau[i], 12); // a permutation of 1 + √i
        }

        Assert.Equal(Math.Sqrt(8), fleet.NoiseScale(7), 6);
        // mean over many draws of one gradient of device 7: τ + √8·σ√(2/π), σ = 1
        var r = new RandomSource(3);
        double sum = 0;
        for (int k = 0; k < 20_000; k++)
        {
            sum += fleet.ComputeSeconds(7, 1, 0, 0, r);
        }

        double expected = fleet.SecondsPerUnit(7) + (Math.Sqrt(8) * Math.Sqrt(2 / Math.PI));
        Assert.Equal(expected, fleet.MeanSecondsPerUnit(7), 6); // noise scales are stored as float
        Assert.InRange(sum / 20_000, expected - 0.035, expected + 0.035); // 6 SE: √8·0.6028/√20000 ≈ 0.012
    }

    [Fact]
    public void TierFractionsAddUpAndAreDeterministic()
    {
        var mix = new (DeviceTier, double)[] { (DeviceTiers.FlagshipPhone, 0.2), (DeviceTiers.BudgetPhone, 0.5), (DeviceTiers.EdgeServer, 0.3) };
        DeviceFleet a = DeviceFleet.FromTierFractions(1001, mix, seed: 5);
        DeviceFleet b = DeviceFleet.FromTierFractions(1001, mix, seed: 5);
        DeviceFleet c = DeviceFleet.FromTierFractions(1001, mix, seed: 6);
        int[] counts = new int[3];
        bool differs = false;
        for (int i = 0; i < a.Count; i++)
        {
            counts[a.TierIndex(i)]++;
            Assert.Equal(a.TierIndex(i), b.TierIndex(i));
            Assert.Equal(a.SecondsPerUnit(i), b.SecondsPerUnit(i));
            differs |= a.SecondsPerUnit(i) != c.SecondsPerUnit(i);
        }

        Assert.Equal([200, 501, 300], counts); // 200.2, 500.5, 300.3 → the largest remainder (0.5) gets the extra device
        Assert.True(differs);
    }

    [Fact]
    public void TierLinkAndDropoutAreUsed()
    {
        DeviceFleet fleet = DeviceFleet.FromTiers([(DeviceTiers.BudgetPhone, 2000)], seed: 1);
        Assert.Equal(0.1 + (1e6 / 0.625e6), fleet.UploadSeconds(0, 1_000_000), 12);
        Assert.Equal(0.1 + (1e6 / 2.5e6), fleet.DownloadSeconds(0, 1_000_000), 12);

        var r = new RandomSource(11);
        int failures = 0;
        const int tasks = 40_000;
        for (int t = 0; t < tasks; t++)
        {
            if (fleet.DrawFailure(t % fleet.Count, 10.0, r, out double at))
            {
                failures++;
                Assert.InRange(at, 0, 10.0);
            }
        }

        // p = 0.15; 6 standard errors = 6·√(0.15·0.85/40000) ≈ 0.0107
        Assert.InRange(failures / (double)tasks, 0.15 - 0.0107, 0.15 + 0.0107);
    }

    [Fact]
    public void DailyAvailabilityWindowsHaveTheConfiguredFraction()
    {
        DeviceFleet fleet = DeviceFleet.FromTiers([(DeviceTiers.FlagshipPhone, 3000)], seed: 2);
        int online = 0;
        for (int i = 0; i < fleet.Count; i++)
        {
            if (fleet.IsAvailable(i, 40_000))
            {
                online++;
                // still online just before the change, offline just after
                double change = fleet.NextAvailabilityChange(i, 40_000);
                Assert.InRange(change - 40_000, 0, 86_400 / 3.0 + 1e-6);
                Assert.True(fleet.IsAvailable(i, change - 1e-3));
                Assert.False(fleet.IsAvailable(i, change + 1e-3));
            }
        }

        // 1/3 online; 6 SE = 6·√(2/9/3000) ≈ 0.052
        Assert.InRange(online / 3000.0, 1 / 3.0 - 0.052, 1 / 3.0 + 0.052);
    }

    [Fact]
    public void CustomComputeModelAndAvailabilityReplaceTheTierModel()
    {
        DeviceFleet fleet = DeviceFleet.FromComputeTimes([1.0, 1.0])
            .WithComputeModel(new UniversalTimeModel([SpeedProfile.Constant(2), new SpeedProfile([0, 1], [0, 1])]))
            .WithAvailability([AvailabilityPattern.AlwaysOn, AvailabilityPattern.Windows([(0, 5)])]);
        Assert.Equal(2.0, fleet.ComputeSeconds(0, 4, 0, 0, new RandomSource(1)), 12);
        Assert.Equal(3.0, fleet.ComputeSeconds(1, 2, 0, 0, new RandomSource(1)), 12); // outage until t = 1
        Assert.False(fleet.IsAvailable(1, 6));
        Assert.Equal(5.0, fleet.NextAvailabilityChange(1, 1));
    }

    [Fact]
    public void RejectsInvalidTiersListingEveryProblem()
    {
        var bad = DeviceTiers.IoTSensor with { DropoutProbability = 1.5, AvailableFraction = 0, Link = new CommunicationLink(0, 1, -1) };
        var e = Assert.Throws<ArgumentException>(() => DeviceFleet.FromTiers([(bad, 3)], 1));
        Assert.Contains("DropoutProbability", e.Message, StringComparison.Ordinal);
        Assert.Contains("AvailableFraction", e.Message, StringComparison.Ordinal);
        Assert.Contains("DownloadBytesPerSecond", e.Message, StringComparison.Ordinal);
        Assert.Contains("LatencySeconds", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMillionDevicesFitIn200BytesEach()
    {
        var mix = DeviceTiers.All.Select(t => (t, 0.2)).ToArray();
        const int n = 1_000_000;
        GC.Collect();
        long before = GC.GetAllocatedBytesForCurrentThread();
        DeviceFleet fleet = DeviceFleet.FromTierFractions(n, mix, seed: 1);
        long after = GC.GetAllocatedBytesForCurrentThread();
        double perDevice = (after - before) / (double)n;
        _output.WriteLine($"allocated {after - before} bytes for {n} devices: {perDevice:F2} bytes/device (arrays: {fleet.BytesPerDevice})");
        Assert.Equal(n, fleet.Count);
        Assert.True(perDevice <= 200, $"{perDevice} bytes per device");
        Assert.True(perDevice < 20, $"{perDevice} bytes per device: the struct-of-arrays layout should need ~13");
        GC.KeepAlive(fleet);
    }
}
