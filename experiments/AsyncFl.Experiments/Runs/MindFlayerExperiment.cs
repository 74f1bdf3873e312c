using AsyncFl.Aggregators;
using AsyncFl.Schedulers;
using AsyncFl.Schedulers.Theory;
using AsyncFl.Simulation;
using AsyncFl.Simulation.Objectives;

namespace AsyncFl.Experiments;

/// <summary>
/// Spec §5.4: n workers with τ_i = 1 and per-gradient noise η ~ LogNormal(0, s); MindFlayer (clips from
/// <see cref="MindFlayerTheory.OptimalClip"/>, budgets for the noise batch S) vs Rennala (batch S) vs ASGD: time until the
/// moving average of ‖∇f‖² reaches the target on the worst-case quadratic.
/// </summary>
internal static class MindFlayerExperiment
{
    public sealed record Config(
        int Workers,
        double[] Shapes,
        double[] StepGrid,
        double[] AsgdStepGrid,
        int[] NoiseBatches,
        double MaxTime,
        double Target = 1e-3,
        double NoiseScale = 0.05,
        int Dimension = 20,
        double GridSeconds = 1,
        int Window = 6,
        long Seed = 7);

    public sealed record Row(string Method, double Shape, SimResult Result, string Setting, ClipChoice Clip);

    public static Config Full => new(10, [0.5, 2, 3, 4], [0.25, 0.5, 1], [1.0 / 32, 1.0 / 16, 0.125, 0.25], [10], MaxTime: 5000);

    public static readonly string[] Methods = ["MindFlayer", "Rennala", "ASGD"];

    public static ClipChoice Clip(double shape) =>
        MindFlayerTheory.OptimalClip(t => MathNet.Numerics.Distributions.LogNormal.CDF(0, shape, t), 1.0, 1000);

    public static List<Row> Run(Config config, Action<string>? log = null)
    {
        var rows = new List<Row>();
        var objective = new TridiagonalQuadratic(new TridiagonalQuadraticOptions { Dimension = config.Dimension, NoiseScale = config.NoiseScale, Seed = config.Seed });
        var measure = new Measure(s => objective.GradientNormSquared(s.Model.Parameters), config.Target, config.GridSeconds, config.Window);
        float[] x0 = objective.CreateInitialPoint();
        int n = config.Workers;
        double[] tau = Enumerable.Repeat(1.0, n).ToArray();
        foreach (double shape in config.Shapes)
        {
            var noise = NoiseDistribution.LogNormal(0, shape);
            var fleet = new ExperimentFleet(tau, (_, r) => noise.Sample(r));
            var clip = Clip(shape);
            var clips = Enumerable.Repeat(clip, n).ToArray();
            SimResult One(string label, Action<FederatedServerBuilder> cfg, double cap) =>
                Sim.Run(label, objective, x0, fleet, cfg, measure, cap, config.Seed + (long)(shape * 100));

            var grid = (from g in config.StepGrid from sb in config.NoiseBatches select (g, sb)).ToArray();
            var mf = Sim.Tune(
                grid,
                (p, cap) => One("MindFlayer", b => b.AddMindFlayer(MindFlayerOptions.FromClips(tau, clips, p.sb)).AddSgd(SgdAggregatorOptions.OnFlush(p.g)), cap),
                p => $"γ={p.g}, S={p.sb}",
                config.MaxTime);
            rows.Add(new Row("MindFlayer", shape, mf.Best, mf.Setting, clip));
            var rn = Sim.Tune(
                grid,
                (p, cap) => One("Rennala", b => b.AddRennala(new RennalaOptions { BatchSize = p.sb }).AddSgd(SgdAggregatorOptions.Batch(p.g, p.sb)), cap),
                p => $"γ={p.g}, S={p.sb}",
                config.MaxTime);
            rows.Add(new Row("Rennala", shape, rn.Best, rn.Setting, clip));
            var asgd = Sim.Tune(
                config.AsgdStepGrid,
                (g, cap) => One("ASGD", b => b.AddAsynchronous(Asgd.Options()).AddSgd(SgdAggregatorOptions.PerGradient(g)), cap),
                g => $"γ={g}",
                config.MaxTime);
            rows.Add(new Row("ASGD", shape, asgd.Best, asgd.Setting, clip));
            log?.Invoke($"s={shape}: MindFlayer {Sim.Fmt(mf.Best.TimeToTarget)} ({mf.Setting}), Rennala {Sim.Fmt(rn.Best.TimeToTarget)} ({rn.Setting}), ASGD {Sim.Fmt(asgd.Best.TimeToTarget)} ({asgd.Setting}); clip t={clip.Clip:0.###} p={clip.SuccessProbability:0.##}");
        }

        return rows;
    }
}
