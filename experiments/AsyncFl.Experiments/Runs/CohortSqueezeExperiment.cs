using AsyncFl.Backends;
using AsyncFl.Sampling;
using AsyncFl.Schedulers;

namespace AsyncFl.Experiments;

/// <summary>
/// Clustered heterogeneous quadratic clients <c>f_i(x) = ½ Σ_j a_ij (x_j − b_ij)²</c> (G clusters; curvature and
/// optimum drawn per cluster, clients of a cluster equal up to <see cref="Jitter"/>). One communication round = every
/// cohort client evaluates the gradient of its prox subproblem <c>f_i(y) + ‖y − x^k‖²/(2γ)</c> at the broadcast point
/// and the server takes one step of the cohort's prox solver (SPPM-AS: the cohort solves
/// <c>argmin_y f_C(y) + ‖y − x^k‖²/(2γ)</c> with K rounds). Solver <see cref="Accelerated"/> = Nesterov's method for
/// the subproblem's strong convexity μ + 1/γ and smoothness L + 1/γ (restarted at every cohort, the last round of a
/// cohort without extrapolation), otherwise gradient descent with step 1/(L + 1/γ). The server's momentum term is
/// the same for every cohort member and the cohort's Horvitz–Thompson weights sum to one, so it travels in the
/// payload (the engine's SGD buffer with learning rate 1 then applies exactly the solver's step). Every round is one
/// server step, so the cohort of a task with base version v started at v − (v mod K) and the round inside the
/// cohort is v mod K.
/// </summary>
internal sealed class ClusteredProxWorkload : IClientWorkload
{
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _optimum;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, double[]> _anchors = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, double[]> _ys = new();

    public ClusteredProxWorkload(int clusters, int perCluster, int dimension, double gamma, bool accelerated, int roundsPerCohort, double jitter, long seed)
    {
        RoundsPerCohort = roundsPerCohort;
        Dimension = dimension;
        Gamma = gamma;
        Accelerated = accelerated;
        Jitter = jitter;
        int n = clusters * perCluster;
        Clients = n;
        _a = new double[n * dimension];
        _b = new double[n * dimension];
        var r = RandomSource.Create(seed, 77);
        Strata = new int[clusters][];
        double lo = double.PositiveInfinity, hi = 0;
        for (int g = 0; g < clusters; g++)
        {
            var ca = new double[dimension];
            var cb = new double[dimension];
            for (int j = 0; j < dimension; j++)
            {
                ca[j] = Math.Pow(10, -2.0 * j / Math.Max(1, dimension - 1)) * (0.5 + r.NextDouble()); // spectrum 1 … 0.01 (κ ≈ 100), ×[0.5, 1.5] per cluster
                cb[j] = 4 * (r.NextDouble() - 0.5);
            }

            Strata[g] = new int[perCluster];
            for (int m = 0; m < perCluster; m++)
            {
                int i = (g * perCluster) + m;
                Strata[g][m] = i;
                for (int j = 0; j < dimension; j++)
                {
                    double a = ca[j] * (1 + (jitter * (r.NextDouble() - 0.5)));
                    _a[(i * dimension) + j] = a;
                    _b[(i * dimension) + j] = cb[j] + (jitter * (r.NextDouble() - 0.5));
                    lo = Math.Min(lo, a);
                    hi = Math.Max(hi, a);
                }
            }
        }

        Smoothness = hi;
        StrongConvexity = lo;
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
        double lh = Smoothness + (1 / gamma), mh = StrongConvexity + (1 / gamma);
        Step = 1 / lh;
        Momentum = accelerated ? (Math.Sqrt(lh / mh) - 1) / (Math.Sqrt(lh / mh) + 1) : 0;
    }

    /// <summary>K: every server step is one round, so the cohort started at version v − (v mod K).</summary>
    public int RoundsPerCohort { get; }

    public int Dimension { get; }

    public int Clients { get; }

    public double Gamma { get; }

    public bool Accelerated { get; }

    /// <summary>Relative spread of curvature and absolute spread of optima inside a cluster.</summary>
    public double Jitter { get; }

    /// <summary>L = the largest curvature of any client.</summary>
    public double Smoothness { get; }

    /// <summary>μ = the smallest curvature of any client.</summary>
    public double StrongConvexity { get; }

    /// <summary>The solver's step 1/(L + 1/γ).</summary>
    public double Step { get; }

    /// <summary>Nesterov's β = (√κ − 1)/(√κ + 1), κ = (L + 1/γ)/(μ + 1/γ); 0 for gradient descent.</summary>
    public double Momentum { get; }

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
        var zf = new float[d];
        baseModel.CopyTo(zf);
        var z = Array.ConvertAll(zf, v => (double)v);
        int i = work.ClientId;
        long v = update.BaseVersion.Value;
        int t = (int)(v % RoundsPerCohort);
        long cohortStart = v - t;
        double[] anchor = _anchors.GetOrAdd(cohortStart, _ => (double[])z.Clone());
        _anchors.TryRemove(cohortStart - (2L * RoundsPerCohort), out _);

        // y_t (Nesterov's non-extrapolated iterate): y_0 = z_0 = x^k; z_t = (1 + β) y_t − β y_{t−1} ⇒ y_t = (z_t + β y_{t−1})/(1 + β).
        double beta = Momentum;
        double[] y = t == 0 ? anchor : _ys.GetOrAdd(v, _ =>
        {
            var prev = _ys.TryGetValue(v - 1, out var p) ? p : anchor;
            var yt = new double[d];
            for (int j = 0; j < d; j++)
            {
                yt[j] = (z[j] + (beta * prev[j])) / (1 + beta);
            }

            return yt;
        });
        if (t == 0)
        {
            _ys.TryAdd(v, anchor);
        }

        _ys.TryRemove(v - 3, out _);
        double b = t == RoundsPerCohort - 1 ? 0 : beta; // the cohort's output is y_K (no extrapolation in the last round)
        var payload = new float[d];
        for (int j = 0; j < d; j++)
        {
            double grad = (_a[(i * d) + j] * (z[j] - _b[(i * d) + j])) + ((z[j] - anchor[j]) / Gamma);
            payload[j] = (float)(((1 + b) * Step * grad) - (b * (z[j] - y[j])));
        }

        update.Payload.CopyFrom(payload);
        update.SampleCount = 1;
    }
}

/// <summary>
/// Spec §7.2: total communication rounds (cohorts × K) until f(x) − f* ≤ target, for K local rounds per cohort, NICE
/// vs stratified cohorts (one client per cluster), accelerated (Nesterov) vs plain gradient prox solver, on a γ grid.
/// </summary>
internal static class CohortSqueezeExperiment
{
    public sealed record Config(int Clusters, int PerCluster, int Dimension, int[] Ks, double[] Gammas, double Target, long MaxRounds, double Jitter = 0.02, long Seed = 3);

    /// <summary>One (sampling, solver, K, γ) run; Rounds = −1 when the target was not reached within the cap.</summary>
    public sealed record Row(string Sampling, string Solver, int K, double Gamma, long Rounds, double FinalGap);

    public static readonly string[] Samplings = ["Stratified", "NICE"];

    public static readonly string[] Solvers = ["Nesterov", "GD"];

    public static Config Full => new(8, 8, 20, [1, 2, 4, 8, 16, 32], [0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000], 1e-4, 3000);

    public static List<Row> Run(Config config, Action<string>? log = null, IEnumerable<string>? samplings = null, IEnumerable<string>? solvers = null)
    {
        var rows = new List<Row>();
        var fleet = new ExperimentFleet(Enumerable.Repeat(1.0, config.Clusters * config.PerCluster).ToArray());
        foreach (string solver in solvers ?? Solvers)
        {
            foreach (string sampling in samplings ?? Samplings)
            {
                foreach (int k in config.Ks)
                {
                    foreach (double gamma in config.Gammas)
                    {
                        var row = One(config, fleet, sampling, solver, k, gamma);
                        rows.Add(row);
                        log?.Invoke($"  {solver} {sampling} K={k} γ={gamma}: rounds {row.Rounds}, last gap {row.FinalGap:0.####e0}");
                    }
                }
            }
        }

        return rows;
    }

    /// <summary>The best row (fewest rounds) per K of one sampling and solver; null where no γ reached the target.</summary>
    public static Row? Best(IEnumerable<Row> rows, string sampling, string solver, int k) =>
        rows.Where(r => r.Sampling == sampling && r.Solver == solver && r.K == k && r.Rounds > 0).OrderBy(r => r.Rounds).ThenBy(r => r.Gamma).FirstOrDefault();

    private static Row One(Config config, ExperimentFleet fleet, string sampling, string solver, int k, double gamma)
    {
        var w = new ClusteredProxWorkload(config.Clusters, config.PerCluster, config.Dimension, gamma, solver == "Nesterov", k, config.Jitter, config.Seed);
        IClientSampler sampler = sampling == "NICE" ? new UniformWithoutReplacementSampler() : new StratifiedSampler(w.Strata);
        var inner = CohortSqueeze.Options(config.Clusters, k, sampler).CreateScheduler();
        long rounds = -1;
        double gap = double.NaN;
        var x = new float[config.Dimension];
        var builder = new FederatedServerBuilder().WithInitialModel(new float[config.Dimension]).UseWorkload(w).WithSeed(config.Seed)
            .AddSgd(new AsyncFl.Aggregators.SgdAggregatorOptions { LearningRate = 1, BufferSize = int.MaxValue, Normalization = AsyncFl.Aggregators.SgdNormalization.None })
            .UseScheduler(inner);
        using var server = builder.Build();
        var sim = new AsyncFl.Simulation.VirtualClockSimulator(server, fleet, new AsyncFl.Simulation.SimulationOptions
        {
            MaxServerSteps = config.MaxRounds,
            StopWhen = s =>
            {
                // A round is a server step; the gap is checked when a cohort's K rounds are all done (the cohort's
                // output), so every configuration pays whole cohorts.
                if (s.Version.Value % k != 0)
                {
                    return false;
                }

                s.Model.Parameters.CopyTo(x);
                gap = w.Loss(x) - w.OptimalValue;
                if (!double.IsFinite(gap) || gap > 1e6)
                {
                    return true;
                }

                if (gap <= config.Target)
                {
                    rounds = s.Version.Value;
                    return true;
                }

                return false;
            },
        });
        sim.Run();
        return new Row(sampling, solver, k, gamma, rounds, gap);
    }
}
