using AsyncFl.Simulation;

namespace AsyncFl.Experiments;

/// <summary>One simulated run's outcome.</summary>
internal sealed record SimResult(
    string Label,
    double TimeToTarget,
    IReadOnlyList<(double Time, double Value)> Curve,
    long ServerSteps,
    double EndTime,
    double WorkerSeconds,
    long Rounds,
    double MeanRoundTime,
    bool Diverged)
{
    public bool Reached => !double.IsNaN(TimeToTarget);
}

/// <summary>How to measure a run: a metric of the model sampled on a time grid, smoothed by a moving average.</summary>
internal sealed record Measure(Func<FederatedServer, double> Metric, double Target, double GridSeconds, int Window = 1, double DivergeAbove = 1e8);

/// <summary>Counts worker-busy seconds (every task, start to end) around any scheduler.</summary>
internal sealed class BusyTimeScheduler(IScheduler inner) : IScheduler
{
    public double WorkerSeconds { get; private set; }

    public long Rounds { get; private set; }

    public string Name => inner.Name;

    public void OnStart(ISchedulerContext context) => inner.OnStart(context);

    public void OnResult(ISchedulerContext context, in TaskResult result) => inner.OnResult(context, result);

    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        WorkerSeconds += ended.EndTime - ended.Task.StartTime;
        inner.OnTaskEnded(context, ended);
    }

    public void OnClientAvailable(ISchedulerContext context, int clientId) => inner.OnClientAvailable(context, clientId);

    public void OnTimer(ISchedulerContext context, long tag) => inner.OnTimer(context, tag);
}

internal static class Sim
{
    /// <summary>
    /// Runs one configuration on the real engine under the virtual clock until the smoothed metric reaches the target,
    /// the run diverges, or <paramref name="maxTime"/> simulated seconds pass.
    /// </summary>
    public static SimResult Run(
        string label,
        IClientWorkload workload,
        float[] x0,
        IDeviceFleet fleet,
        Action<FederatedServerBuilder> configure,
        Measure measure,
        double maxTime,
        long seed,
        bool stopAtTarget = true,
        long? maxSteps = null)
    {
        var builder = new FederatedServerBuilder().WithInitialModel(x0).UseWorkload(workload).WithSeed(seed);
        configure(builder);
        var busy = new BusyTimeScheduler(builder.Scheduler ?? throw new InvalidOperationException("configure set no scheduler"));
        builder.UseScheduler(busy);
        using var server = builder.Build();
        var curve = new List<(double, double)>();
        var window = new Queue<double>();
        double sum = 0;
        double reached = double.NaN;
        bool diverged = false;
        var options = new SimulationOptions
        {
            MaxTime = maxTime,
            MaxServerSteps = maxSteps,
            TraceEverySeconds = measure.GridSeconds,
            StopWhen = _ => diverged || (stopAtTarget && !double.IsNaN(reached)),
            Trace = tp =>
            {
                double v = measure.Metric(tp.Server);
                if (!double.IsFinite(v) || v > measure.DivergeAbove)
                {
                    diverged = true;
                    return;
                }

                window.Enqueue(v);
                sum += v;
                if (window.Count > measure.Window)
                {
                    sum -= window.Dequeue();
                }

                double avg = sum / window.Count;
                if (curve.Count > 0 && curve[^1].Item1 >= tp.Time)
                {
                    return;
                }

                curve.Add((tp.Time, avg));
                if (double.IsNaN(reached) && avg <= measure.Target)
                {
                    reached = tp.Time;
                }
            },
        };
        var sim = new VirtualClockSimulator(server, fleet, options);
        var result = sim.Run();
        var stats = result.Statistics;
        return new SimResult(label, diverged ? double.NaN : reached, curve, server.Version.Value, result.ElapsedSeconds, busy.WorkerSeconds, stats.Rounds, stats.MeanRoundTime, diverged);
    }

    /// <summary>Runs a family of configurations and returns the one that reaches the target first (each later run is
    /// capped at the best time so far, which does not change the winner).</summary>
    public static (SimResult Best, string Setting) Tune<T>(IEnumerable<T> grid, Func<T, double, SimResult> run, Func<T, string> describe, double maxTime)
    {
        SimResult? best = null;
        string setting = "-";
        foreach (var g in grid)
        {
            double cap = best is { Reached: true } ? Math.Min(maxTime, best.TimeToTarget + 1e-9) : maxTime;
            var r = run(g, cap);
            if (best is null || (r.Reached && (!best.Reached || r.TimeToTarget < best.TimeToTarget)))
            {
                best = r;
                setting = describe(g);
            }
        }

        return (best!, setting);
    }

    public static string Fmt(double v, string format = "0.##") =>
        double.IsNaN(v) ? "not reached" : v.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
}
