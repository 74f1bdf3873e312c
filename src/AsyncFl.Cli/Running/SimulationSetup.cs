using AsyncFl.Cli.Config;
using AsyncFl.Simulation;
using AsyncFl.Simulation.Objectives;

namespace AsyncFl.Cli.Running;

/// <summary>The simulated world of a config: the device fleet from its tiers and the synthetic objective.</summary>
internal static class SimulationSetup
{
    internal static DeviceFleet BuildFleet(ExperimentConfig config)
    {
        var mix = new List<(DeviceTier, int)>();
        foreach (var t in config.Fleet!.Tiers!)
        {
            var tier = t.Tier == "custom"
                ? new DeviceTier("custom", t.ComputeSeconds!.Value)
                : DeviceTiers.All.First(x => x.Name == t.Tier);
            if (t.ComputeSeconds is { } cs)
            {
                tier = tier with { SecondsPerUnit = cs };
            }

            if (t.SpeedSpread is { } spread)
            {
                tier = tier with { SpeedSpread = spread };
            }

            if (t.ComputeNoise is { } noise)
            {
                tier = tier with { Noise = noise > 0 ? NoiseDistribution.Exponential(noise) : NoiseDistribution.None };
            }

            if (t.DownloadMbps is not null || t.UploadMbps is not null || t.LatencyMs is not null)
            {
                var link = tier.Link;
                tier = tier with
                {
                    Link = new CommunicationLink(
                        t.DownloadMbps is { } d ? d * 1e6 / 8 : link.DownloadBytesPerSecond,
                        t.UploadMbps is { } u ? u * 1e6 / 8 : link.UploadBytesPerSecond,
                        t.LatencyMs is { } l ? l / 1000 : link.LatencySeconds),
                };
            }

            if (t.DropoutProbability is { } drop)
            {
                tier = tier with { DropoutProbability = drop };
            }

            if (t.Availability is { } a)
            {
                double period = a.OnlineSeconds + a.OfflineSeconds;
                tier = tier with { AvailabilityPeriodSeconds = period, AvailableFraction = a.OnlineSeconds / period };
            }

            mix.Add((tier, t.Count));
        }

        return DeviceFleet.FromTiers(mix, RandomSource.Create(config.Seed, 1).Seed, shuffle: false);
    }

    internal static SimulationObjective BuildObjective(ExperimentConfig config, int clients, UpdatePayloadKind payload, double lr)
    {
        var o = config.Objective!;
        double heterogeneity = config.Data?.Heterogeneity ?? 0;
        long seed = RandomSource.Create(config.Seed, 2).Seed;
        return o.Kind switch
        {
            "quadratic" => new TridiagonalQuadratic(new TridiagonalQuadraticOptions
            {
                Dimension = o.Dimension,
                Smoothness = o.Smoothness ?? 1.0,
                NoiseScale = o.Noise,
                PayloadKind = payload,
                DefaultLearningRate = lr,
                ClientCount = heterogeneity > 0 ? clients : 0,
                Heterogeneity = heterogeneity,
                Seed = seed,
            }),
            "least-squares" => new LeastSquares(new LeastSquaresOptions
            {
                Dimension = o.Dimension,
                Rows = o.Samples ?? 10_000,
                BatchSize = o.BatchSize ?? 256,
                PayloadKind = payload,
                DefaultLearningRate = lr,
                ClientCount = heterogeneity > 0 ? clients : 0,
                Heterogeneity = heterogeneity,
                Seed = seed,
            }),
            _ => new LogisticRegression(new LogisticRegressionOptions
            {
                Dimension = o.Dimension,
                Rows = o.Samples ?? 1_000,
                BatchSize = o.BatchSize ?? 32,
                PayloadKind = payload,
                DefaultLearningRate = lr,
                ClientCount = heterogeneity > 0 ? clients : 0,
                Heterogeneity = heterogeneity,
                Seed = seed,
            }),
        };
    }
}
