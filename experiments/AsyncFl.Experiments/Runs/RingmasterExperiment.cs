using AsyncFl.Aggregators;
using AsyncFl.Schedulers;
using AsyncFl.Simulation;
using AsyncFl.Simulation.Objectives;

namespace AsyncFl.Experiments;

/// <summary>
/// Spec §2.5/§3.6: τ_i = √i on the worst-case quadratic (d = 20, `add` noise c = 0.05), time until the moving average
/// of ‖∇f‖² falls to 1e−3, each method at its best setting on a small grid.
/// </summary>
internal static class RingmasterExperiment
{
    public sealed record Config(
        int[] Workers,
        double[] StepGrid,
        double[] AsgdStepGrid,
        int[] BatchGrid,
        double MaxTime,
        double Target = 1e-3,
        double NoiseScale = 0.05,
        int Dimension = 20,
        double GridSeconds = 0.5,
        int Window = 6,
        long Seed = 42);

    public sealed record Row(string Method, int Workers, SimResult Result, string Setting);

    public static Config Full => new(
        [100, 1000],
        [0.0625, 0.125, 0.25, 0.5, 1, 2],
        [1.0 / 4096, 1.0 / 2048, 1.0 / 1024, 1.0 / 512, 1.0 / 256, 1.0 / 128, 1.0 / 64, 1.0 / 32, 1.0 / 16, 0.125, 0.25, 0.5, 1],
        [1, 4, 16, 32, 64],
        MaxTime: 600);

    public static readonly string[] Methods = ["Ringmaster A", "Ringmaster B", "Rennala", "ASGD", "Delay-adaptive ASGD", "Minibatch SGD"];

    public static List<Row> Run(Config config, Action<string>? log = null)
    {
        var rows = new List<Row>();
        foreach (int n in config.Workers)
        {
            var objective = new TridiagonalQuadratic(new TridiagonalQuadraticOptions { Dimension = config.Dimension, NoiseScale = config.NoiseScale, Seed = config.Seed });
            var fleet = new ExperimentFleet(ComputeTimes.SqrtIndex(n));
            var measure = new Measure(s => objective.GradientNormSquared(s.Model.Parameters), config.Target, config.GridSeconds, config.Window);
            float[] x0 = objective.CreateInitialPoint();
            SimResult One(string label, Action<FederatedServerBuilder> cfg, double cap) =>
                Sim.Run(label, objective, x0, fleet, cfg, measure, cap, config.Seed + n);

            var pairs = (from g in config.StepGrid from b in config.BatchGrid select (g, b)).ToArray();
            foreach (var variant in new[] { RingmasterVariant.DiscardOnArrival, RingmasterVariant.CancelAndRestart })
            {
                string name = variant == RingmasterVariant.DiscardOnArrival ? "Ringmaster A" : "Ringmaster B";
                var (best, setting) = Sim.Tune(
                    pairs,
                    (p, cap) => One(name, b => b.AddAsynchronous(Ringmaster.Options(p.b, variant)).AddSgd(SgdAggregatorOptions.PerGradient(p.g)), cap),
                    p => $"γ={p.g}, R={p.b}",
                    config.MaxTime);
                rows.Add(new Row(name, n, best, setting));
                log?.Invoke($"n={n} {name}: {Sim.Fmt(best.TimeToTarget)} ({setting})");
            }

            {
                var (best, setting) = Sim.Tune(
                    pairs,
                    (p, cap) => One("Rennala", b => b.AddRennala(new RennalaOptions { BatchSize = p.b }).AddSgd(SgdAggregatorOptions.Batch(p.g, p.b)), cap),
                    p => $"γ={p.g}, S={p.b}",
                    config.MaxTime);
                rows.Add(new Row("Rennala", n, best, setting));
                log?.Invoke($"n={n} Rennala: {Sim.Fmt(best.TimeToTarget)} ({setting})");
            }

            foreach (bool adaptive in new[] { false, true })
            {
                string name = adaptive ? "Delay-adaptive ASGD" : "ASGD";
                var (best, setting) = Sim.Tune(
                    config.AsgdStepGrid,
                    (g, cap) => One(name, b => b.AddAsynchronous(adaptive ? Asgd.DelayAdaptive(g) : Asgd.Options()).AddSgd(SgdAggregatorOptions.PerGradient(g)), cap),
                    g => $"γ={g}",
                    config.MaxTime);
                rows.Add(new Row(name, n, best, setting));
                log?.Invoke($"n={n} {name}: {Sim.Fmt(best.TimeToTarget)} ({setting})");
            }

            {
                var (best, setting) = Sim.Tune(
                    config.StepGrid,
                    (g, cap) => One("Minibatch SGD", b => b.AddSynchronousRounds(CohortSqueeze.MinibatchSgd(n)).AddSgd(SgdAggregatorOptions.OnFlush(g)), cap),
                    g => $"γ={g}",
                    config.MaxTime);
                rows.Add(new Row("Minibatch SGD", n, best, setting));
                log?.Invoke($"n={n} Minibatch SGD: {Sim.Fmt(best.TimeToTarget)} ({setting})");
            }
        }

        return rows;
    }
}
