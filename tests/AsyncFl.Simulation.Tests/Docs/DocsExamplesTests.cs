using AsyncFl.Simulation.Objectives;
using AsyncFl.Simulation.Partitioning;
using Xunit;

namespace AsyncFl.Simulation.Tests.Docs;

// The examples of docs/simulation.md, compiled and run (small sizes).
public class DocsExamplesTests
{
    public sealed class ThermalThrottling : ITimeModel
    {
        private readonly double[] _tau;

        public ThermalThrottling(double[] tau) => _tau = (double[])tau.Clone();

        public int Count => _tau.Length;

        public double ComputeSeconds(int client, int units, int samples, double startTime, RandomSource random)
            => _tau[client] * (units + (0.1 * units * (units - 1) / 2.0));
    }

    [Fact]
    public void FleetExamplesRun()
    {
        DeviceFleet sqrt = DeviceFleet.FromComputeTimes(ComputeTimes.SqrtIndex(100));
        DeviceFleet heavy = DeviceFleet.FromComputeTimes(ComputeTimes.SqrtIndex(100), NoiseDistribution.Pareto(0.1, 1.5));
        DeviceFleet silos = DeviceFleet.FromTiers([(DeviceTiers.DataCentreSilo, 4), (DeviceTiers.EdgeServer, 16)], seed: 1, shuffle: false);
        DeviceFleet nightly = sqrt
            .WithComputeModel(new UniversalTimeModel(new SpeedProfile([0, 3600], [1, 0], period: 7200), ComputeTimes.SqrtIndex(100)))
            .WithAvailability(Enumerable.Repeat(AvailabilityPattern.Periodic(7200, 3600), 100).ToArray());
        DeviceFleet fleet = DeviceFleet.FromComputeTimes(ComputeTimes.SqrtIndex(50))
            .WithComputeModel(new ThermalThrottling(ComputeTimes.SqrtIndex(50)));

        Assert.True(heavy.ComputeSeconds(0, 1, 0, 0, new RandomSource(1)) >= 1.1);
        Assert.Equal("data-centre-silo", silos.Tier(3).Name);
        Assert.Equal("edge-server", silos.Tier(4).Name);
        Assert.Equal(3600 + 7200.0, nightly.ComputeSeconds(0, 7200, 0, 0, new RandomSource(1)), 9);
        Assert.Equal(Math.Sqrt(2) * (3 + 0.3), fleet.ComputeSeconds(1, 3, 0, 0, new RandomSource(1)), 12);
    }

    [Fact]
    public void ObjectiveExamplesRun()
    {
        var data = new LogisticRegression(new LogisticRegressionOptions { Rows = 5000, Dimension = 20 });
        int[][] rows = new DirichletPerClassPartitioner(new DirichletPerClassOptions { PartitionCount = 20, Alpha = 0.5 })
            .Partition(data.Labels.ToArray());
        var skewed = new LogisticRegression(new LogisticRegressionOptions { Rows = 5000, Dimension = 20, ClientRows = rows });
        Assert.Equal(data.OptimalValue, skewed.OptimalValue, 12);
        Assert.Equal(rows[7].Length, skewed.ClientSampleCount(7));
    }
}
