using AsyncFl.Schedulers.Theory;

namespace AsyncFl.Schedulers;

/// <summary>
/// Shadowheart SGD. At start it solves for the equilibrium time t* (<see cref="ShadowheartTheory.Solve"/>) and the
/// plan <c>b_i = ⌊t*/h_i⌋</c>, <c>m_i = ⌊t*/τ_i⌋</c>, <c>w_i = 1/(b_i ω + ω S + m_i S)</c>. Each round dispatches
/// <c>TaskRequest{LocalSteps = b_i, Uploads = m_i, Compressor}</c> to every active, available worker, accepts each
/// upload with weight w_i (× b_i when the workload returns a mean), and when all the round's tasks have ended flushes
/// with <c>Z = Σ w_i m_i b_i</c> over the workers dispatched that round.
/// </summary>
internal sealed class ShadowheartScheduler : IScheduler, ISchedulerStatisticsSource
{
    private readonly double[] _h;
    private readonly double[] _tau;
    private readonly IUpdateCompressor? _compressor;
    private readonly double _s;
    private readonly int _maxUploads;
    private readonly bool _mean;
    private readonly ShadowheartOptions _options;
    private readonly RoundBookkeeper _rounds;
    private ShadowheartWorkerPlan[] _plan = [];
    private double _z;
    private int _activeWorkers;

    /// <summary>Creates the scheduler (the options are validated and copied).</summary>
    /// <param name="options">The options.</param>
    public ShadowheartScheduler(ShadowheartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _rounds = new RoundBookkeeper(StartRound);
        _h = [.. options.ComputeTimes!];
        _tau = [.. options.UploadTimes!];
        _compressor = options.Compressor;
        _s = options.NoiseBatch;
        _maxUploads = options.MaxUploads;
        _mean = options.LocalResultIsMean;
        _options = options.Copy<ShadowheartOptions>();
        Name = $"Shadowheart(S={OptionErrors.Format(_s)}, {_compressor?.Name ?? "uncompressed"})";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>t* (after <see cref="OnStart"/>).</summary>
    public double EquilibriumTime { get; private set; } = double.NaN;

    /// <summary>The per-client plan (after <see cref="OnStart"/>).</summary>
    public IReadOnlyList<ShadowheartWorkerPlan> Plan => _plan;

    /// <summary>Z over all active workers (after <see cref="OnStart"/>).</summary>
    public double Normalizer { get; private set; } = double.NaN;

    /// <summary>The current round (1-based; 0 before the first).</summary>
    public long Round => _rounds.Round;

    /// <summary>What the scheduler decided so far.</summary>
    public SchedulerStatistics Statistics => _rounds.Statistics;

    /// <inheritdoc />
    public void OnStart(ISchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_h.Length != context.ClientCount)
        {
            throw new InvalidOperationException($"Shadowheart was given {_h.Length} compute times but the engine has {context.ClientCount} clients.");
        }

        double omega = _compressor?.Omega(context.Model.Dimension) ?? 0.0;
        var eq = ShadowheartTheory.Solve(_h, _tau, omega, _s);
        EquilibriumTime = eq.Time;
        _plan = ShadowheartTheory.Plan(eq.Time, _h, _tau, omega, _s, _maxUploads);
        Normalizer = ShadowheartTheory.Normalizer(_plan);
        _activeWorkers = _plan.Count(p => p.Active);
        StartRound(context);
    }

    /// <inheritdoc />
    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = _plan[result.Task.ClientId];
        double weight = _mean ? p.Weight * p.Gradients : p.Weight;
        _rounds.Submit(context, result, _options.Submit(context, in result, _activeWorkers, weight));
    }

    /// <inheritdoc />
    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        ArgumentNullException.ThrowIfNull(context);
        _rounds.EndTask(context, ended, new FlushOptions { Normalizer = _z });
    }

    /// <inheritdoc />
    public void OnClientAvailable(ISchedulerContext context, int clientId) => _rounds.StartIfIdle(context);

    /// <inheritdoc />
    public void OnTimer(ISchedulerContext context, long tag)
    {
    }

    private void StartRound(ISchedulerContext context)
    {
        _rounds.BeginRound();
        _z = 0;
        for (int i = 0; i < _plan.Length; i++)
        {
            var p = _plan[i];
            if (!p.Active || !SchedulerUtil.CanDispatch(context, i))
            {
                continue;
            }

            _rounds.Dispatch(context, _options.Request(i) with { LocalSteps = p.Gradients, Uploads = p.Uploads, Compressor = _compressor });
            _rounds.Expect();
            _z += p.Weight * p.Uploads * p.Gradients;
        }
    }
}
