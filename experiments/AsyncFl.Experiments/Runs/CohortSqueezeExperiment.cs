using AsyncFl.Backends;
using AsyncFl.Sampling;
using AsyncFl.Schedulers;

namespace AsyncFl.Experiments;

/// <summary>
/// Clustered heterogeneous quadratic clients <c>f_i(x) = ½ Σ_j a_ij (x_j − b_ij)²</c> (G clusters; curvature and
/// optimum shared within a cluster up to small noise). One communication round = every cohort client runs
/// <see cref="LocalSteps"/> gradient steps on its prox subproblem <c>f_i(y) + ‖y − x^k‖²/(2γ)</c> from the current
/// model and returns <c>y_base − y_end</c> (the server steps with learning rate 1, so the new model is the cohort
/// average); <c>x^k</c> is the model at the start of the current cohort (SPPM-AS with a local-GD prox solver). Every
/// round is one server step, so the cohort of a task with base version v started at v − (v mod K).
/// </summary>
internal sealed class ClusteredProxWorkload : IClientWorkload
{
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _optimum;

    public ClusteredProxWorkload(int clusters, int perCluster, int dimension, double gamma, int localSteps, int roundsPerCohort, long seed)
    {
        RoundsPerCohort = roundsPerCohort;
        Dimension = dimension;
        Gamma = gamma;
        LocalSteps = localSteps;
        int n = clusters * perCluster;
        Clients = n;
        _a = new double[n * dimension];
        _b = new double[n * dimension];
        var r = RandomSource.Create(seed, 77);
        Strata = new int[clusters][];
        for (int g = 0; g < clusters; g++)
        {
            var ca = new double[dimension];
            var cb = new double[dimension];
            for (int j = 0; j < dimension; j++)
            {
                ca[j] = 0.05 + (1.95 * r.NextDouble());
                cb[j] = 4 * (r.NextDouble() - 0.5);
            }

            Strata[g] = new int[perCluster];
            for (int m = 0; m < perCluster; m++)
            {
                int i = (g * perCluster) + m;
                Strata[g][m] = i;
                for (int j = 0; j < dimension; j++)
                {
                    _a[(i * dimension) + j] = ca[j] * (0.9 + (0.2 * r.NextDouble()));
                    _b[(i * dimension) + j] = cb[j] + (0.1 * (r.NextDouble() - 0.5));
                }
            }
        }

        _optimum = new double[dimension];
        for (int j = 0; j < dimension; j++)
        {
            double sa = 0, sab = 0;
            for (int i = 0; i < n; i++)
            {
                sa += _a[(i * dimension) + j];
                sab += _a[(i * dimension) + j] * _b[(i * dimension) + j];
            }

            _optimum[j] = sab / sa;
        }

        OptimalValue = Loss(Array.ConvertAll(_optimum, v => (float)v));
    }

    /// <summary>K: every server step is one round, so the cohort started at version v − (v mod K).</summary>
    public int RoundsPerCohort { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, float[]> _anchors = new();

    public int Dimension { get; }

    public int Clients { get; }

    public double Gamma { get; }

    public int LocalSteps { get; }

    public int[][] Strata { get; }

    public double OptimalValue { get; }

    public UpdatePayloadKind PayloadKind => UpdatePayloadKind.Gradient;

    public double Loss(ReadOnlySpan<float> x)
    {
        double sum = 0;
        for (int i = 0; i < Clients; i++)
        {
            for (int j = 0; j < Dimension; j++)
            {
                double e = x[j] - _b[(i * Dimension) + j];
                sum += 0.5 * _a[(i * Dimension) + j] * e * e;
            }
        }

        return sum / Clients;
    }

    public void Execute(in ClientWork work, ParameterVector baseModel, ClientUpdate update, RandomSource random)
    {
        int d = Dimension;
        var y = new float[d];
        baseModel.CopyTo(y);
        var start = (float[])y.Clone();
        int i = work.ClientId;
        long v = update.BaseVersion.Value;
        long cohortStart = v - (v % RoundsPerCohort);
        float[] anchor = v == cohortStart ? _anchors.GetOrAdd(v, _ => (float[])start.Clone()) : _anchors[cohortStart];
        _anchors.TryRemove(cohortStart - RoundsPerCohort, out _);
        for (int s = 0; s < LocalSteps; s++)
        {
            for (int j = 0; j < d; j++)
            {
                double a = _a[(i * d) + j];
                double grad = (a * (y[j] - _b[(i * d) + j])) + ((y[j] - anchor[j]) / Gamma);
                double step = 1.0 / (a + (1.0 / Gamma)); // exact-curvature step: each coordinate's local GD is stable
                y[j] = (float)(y[j] - (0.5 * step * grad));
            }
        }

        var payload = new float[d];
        for (int j = 0; j < d; j++)
        {
            payload[j] = start[j] - y[j];
        }

        update.Payload.CopyFrom(payload);
        update.SampleCount = 1;
    }
}

/// <summary>
/// Spec §7.2: total communication rounds (cohorts × K) until f(x) − f* ≤ target, for K ∈ {1, 2, 4, 8, 16} local
/// rounds per cohort, NICE vs stratified cohorts (one client per cluster), best prox parameter γ on a small grid.
/// </summary>
internal static class CohortSqueezeExperiment
{
    public sealed record Config(int Clusters, int PerCluster, int Dimension, int LocalSteps, int[] Ks, double[] Gammas, double Target, long MaxRounds, long Seed = 3);

    public sealed record Row(string Sampling, int K, long Rounds, double Gamma, double FinalGap);

    public static Config Full => new(8, 8, 20, 5, [1, 2, 4, 8, 16], [0.01, 0.03, 0.1, 0.3, 1, 3, 10], 1e-2, 4000);

    public static List<Row> Run(Config config, Action<string>? log = null)
    {
        var rows = new List<Row>();
        var fleet = new ExperimentFleet(Enumerable.Repeat(1.0, config.Clusters * config.PerCluster).ToArray());
        foreach (string sampling in new[] { "NICE", "Stratified" })
        {
            foreach (int k in config.Ks)
            {
                Row? best = null;
                foreach (double gamma in config.Gammas)
                {
                    var w = new ClusteredProxWorkload(config.Clusters, config.PerCluster, config.Dimension, gamma, config.LocalSteps, k, config.Seed);
                    IClientSampler sampler = sampling == "NICE" ? new UniformWithoutReplacementSampler() : new StratifiedSampler(w.Strata);
                    var inner = new CohortSqueezeScheduler(new CohortSqueezeOptions { CohortSize = config.Clusters, LocalRounds = k, Sampler = sampler, LearningRate = 1 });
                    long rounds = -1;
                    double gap = double.NaN;
                    var builder = new FederatedServerBuilder().WithInitialModel(new float[config.Dimension]).UseWorkload(w).WithSeed(config.Seed)
                        .AddSgd(new AsyncFl.Aggregators.SgdAggregatorOptions { LearningRate = 1, BufferSize = int.MaxValue, Normalization = AsyncFl.Aggregators.SgdNormalization.None })
                        .UseScheduler(inner);
                    using var server = builder.Build();
                    var sim = new AsyncFl.Simulation.VirtualClockSimulator(server, fleet, new AsyncFl.Simulation.SimulationOptions
                    {
                        MaxServerSteps = config.MaxRounds,
                        StopWhen = s =>
                        {
                            var x = new float[config.Dimension];
                            s.Model.Parameters.CopyTo(x);
                            gap = w.Loss(x) - w.OptimalValue;
                            if (!double.IsFinite(gap) || gap > 1e6)
                            {
                                return true;
                            }

                            // A round is a server step; rounds are counted when a cohort's K rounds are all done, so
                            // every configuration pays whole cohorts.
                            if (gap <= config.Target && s.Version.Value % k == 0)
                            {
                                rounds = s.Version.Value;
                                return true;
                            }

                            return false;
                        },
                    });
                    sim.Run();
                    log?.Invoke($"  {sampling} K={k} γ={gamma}: rounds {rounds}, last gap {gap:0.####e0}");
                    if (rounds > 0 && (best is null || best.Rounds < 0 || rounds < best.Rounds))
                    {
                        best = new Row(sampling, k, rounds, gamma, gap);
                    }
                    else if (best is null)
                    {
                        best = new Row(sampling, k, -1, gamma, gap);
                    }
                }

                rows.Add(best!);
                log?.Invoke($"{sampling} K={k}: rounds {best!.Rounds} (γ={best.Gamma})");
            }
        }

        return rows;
    }
}
