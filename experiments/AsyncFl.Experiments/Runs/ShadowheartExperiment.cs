using AsyncFl.Aggregators;
using AsyncFl.Schedulers;
using AsyncFl.Schedulers.Theory;
using AsyncFl.Simulation.Objectives;

namespace AsyncFl.Experiments;

/// <summary>
/// Spec §4.4: n = 100 workers, h_i = √i seconds per gradient, c·√i seconds per transmitted coordinate, RandK with
/// K ∈ {1, 10, 100, d}, S = 10. Part 1 measures the engine's round time against the predicted t*; part 2 compares
/// Shadowheart with minibatch SGD (uncompressed, all workers) in time on the worst-case quadratic.
/// </summary>
internal static class ShadowheartExperiment
{
    public sealed record Config(int Workers, int Dimension, double[] CoordinateTimes, int[] Ks, double NoiseBatch, int TimingRounds,
        double ConvergenceCoordinateTime, int[] ConvergenceKs, double[] StepGrid, double MaxTime, double Target, double NoiseScale = 0.01, long Seed = 11);

    public sealed record TimingRow(double C, int K, double Predicted, double Measured, int ActiveWorkers, long Uploads);

    public static Config Full => new(100, 1000, [1e-4, 1e-3, 1e-2], [1, 10, 100, 1000], 10, 2, 1e-2, [100, 1000], [0.25, 0.5, 1], 4000, 2e-3);

    public static double[] ComputeTimes(int n) => Enumerable.Range(1, n).Select(i => Math.Sqrt(i)).ToArray();

    public static double[] CoordinateTimes(int n, double c) => Enumerable.Range(1, n).Select(i => c * Math.Sqrt(i)).ToArray();

    public static ShadowheartOptions Options(Config config, double c, int k)
    {
        int d = config.Dimension;
        int kk = Math.Min(k, d);
        return new ShadowheartOptions
        {
            ComputeTimes = ComputeTimes(config.Workers),
            UploadTimes = CoordinateTimes(config.Workers, c).Select(t => t * kk).ToArray(),
            Compressor = kk < d ? new RandKCompressor(kk) : null,
            NoiseBatch = config.NoiseBatch,
        };
    }

    public static double Predicted(Config config, double c, int k)
    {
        var o = Options(config, c, k);
        double omega = o.Compressor?.Omega(config.Dimension) ?? 0;
        return ShadowheartTheory.Solve([.. o.ComputeTimes!], [.. o.UploadTimes!], omega, config.NoiseBatch).Time;
    }

    public static List<TimingRow> Timing(Config config, Action<string>? log = null)
    {
        var rows = new List<TimingRow>();
        var objective = new TridiagonalQuadratic(new TridiagonalQuadraticOptions { Dimension = config.Dimension, NoiseScale = config.NoiseScale, Seed = config.Seed });
        float[] x0 = objective.CreateInitialPoint();
        foreach (double c in config.CoordinateTimes)
        {
            var fleet = new ExperimentFleet(ComputeTimes(config.Workers), null, CoordinateTimes(config.Workers, c));
            foreach (int k in config.Ks)
            {
                var options = Options(config, c, k);
                var measure = new Measure(_ => 1, 0, 1e9);
                var builder = new FederatedServerBuilder().WithInitialModel(x0).UseWorkload(objective).WithSeed(config.Seed);
                builder.AddShadowheart(options).AddSgd(SgdAggregatorOptions.OnFlush(0.5));
                using var server = builder.Build();
                var sim = new AsyncFl.Simulation.VirtualClockSimulator(server, fleet, new AsyncFl.Simulation.SimulationOptions { MaxServerSteps = config.TimingRounds });
                var result = sim.Run();
                double perRound = result.ElapsedSeconds / Math.Max(1, server.Version.Value);
                // The plan the scheduler dispatched, from the same theory (t*, then bᵢ, mᵢ per worker).
                double omega = options.Compressor?.Omega(config.Dimension) ?? 0.0;
                double[] h = [.. options.ComputeTimes!], tau = [.. options.UploadTimes!];
                double equilibrium = ShadowheartTheory.Solve(h, tau, omega, options.NoiseBatch).Time;
                var plan = ShadowheartTheory.Plan(equilibrium, h, tau, omega, options.NoiseBatch, options.MaxUploads);
                int active = plan.Count(p => p.Active);
                long uploads = plan.Where(p => p.Active).Sum(p => (long)p.Uploads);
                rows.Add(new TimingRow(c, k, equilibrium, perRound, active, uploads));
                log?.Invoke($"c={c} K={k}: t*={equilibrium:0.###} measured round={perRound:0.###} active={active} uploads/round={uploads}");
            }
        }

        return rows;
    }

    public static List<(string Label, SimResult Result, string Setting)> Convergence(Config config, Action<string>? log = null)
    {
        var rows = new List<(string, SimResult, string)>();
        var objective = new TridiagonalQuadratic(new TridiagonalQuadraticOptions { Dimension = config.Dimension, NoiseScale = config.NoiseScale, Seed = config.Seed });
        float[] x0 = objective.CreateInitialPoint();
        double c = config.ConvergenceCoordinateTime;
        var fleet = new ExperimentFleet(ComputeTimes(config.Workers), null, CoordinateTimes(config.Workers, c));
        var measure = new Measure(s => objective.GradientNormSquared(s.Model.Parameters), config.Target, 20, 3);
        foreach (int k in config.ConvergenceKs)
        {
            string label = k >= config.Dimension ? "Shadowheart (no compression)" : $"Shadowheart (RandK, K={k})";
            var best = Sim.Tune(
                config.StepGrid,
                (g, cap) => Sim.Run(label, objective, x0, fleet, b => b.AddShadowheart(Options(config, c, k)).AddSgd(SgdAggregatorOptions.OnFlush(g)), measure, cap, config.Seed),
                g => $"γ={g}",
                config.MaxTime);
            rows.Add((label, best.Best, best.Setting));
            log?.Invoke($"{label}: {Sim.Fmt(best.Best.TimeToTarget)} ({best.Setting}), mean round {best.Best.EndTime / Math.Max(1, best.Best.ServerSteps):0.##} s");
        }

        var mb = Sim.Tune(
            config.StepGrid,
            (g, cap) => Sim.Run("Minibatch SGD", objective, x0, fleet, b => b.AddSynchronousRounds(CohortSqueeze.MinibatchSgd(config.Workers)).AddSgd(SgdAggregatorOptions.OnFlush(g)), measure, cap, config.Seed),
            g => $"γ={g}",
            config.MaxTime);
        rows.Add(("Minibatch SGD", mb.Best, mb.Setting));
        log?.Invoke($"Minibatch SGD: {Sim.Fmt(mb.Best.TimeToTarget)} ({mb.Setting}), mean round {mb.Best.EndTime / Math.Max(1, mb.Best.ServerSteps):0.##} s");
        return rows;
    }
}
