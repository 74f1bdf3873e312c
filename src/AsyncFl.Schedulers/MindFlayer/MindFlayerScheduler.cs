namespace AsyncFl.Schedulers;

/// <summary>
/// MindFlayer SGD. Each round every client with <c>B_i &gt; 0</c> makes up to B_i sequential attempts at the round's
/// model, each dispatched with <see cref="TaskRequest.TimeLimitSeconds"/> = T_i; an attempt that times out
/// (<see cref="TaskEndReason.TimedOut"/>) is a failed attempt and its partial work is lost. Every result of the round
/// is accepted; when all clients have used their budgets the buffer is flushed with normaliser <c>Σ p_i B_i</c> over
/// the clients dispatched that round, an unbiased estimate of the gradient. Round time ≤ max_i B_i T_i regardless of
/// the tail of the compute-time distribution.
/// </summary>
internal sealed class MindFlayerScheduler : IScheduler, ISchedulerStatisticsSource
{
    private readonly int[] _budgets;
    private readonly double[] _limits;
    private readonly double[] _p;
    private readonly MindFlayerOptions _options;
    private readonly int[] _attempts;
    private readonly int _workers;
    private readonly RoundBookkeeper _rounds;
    private double _normalizer;

    /// <summary>Creates the scheduler (the options are validated and copied).</summary>
    /// <param name="options">The options.</param>
    public MindFlayerScheduler(MindFlayerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _rounds = new RoundBookkeeper(StartRound);
        _budgets = [.. options.Budgets!];
        _limits = [.. options.TimeLimits!];
        _p = [.. options.SuccessProbabilities!];
        _options = options.Copy<MindFlayerOptions>();
        _attempts = new int[_budgets.Length];
        _workers = _budgets.Count(b => b > 0);
        Name = $"MindFlayer(ΣpB={OptionErrors.Format(FullNormalizer)})";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary><c>Σ_i p_i B_i</c> over all clients.</summary>
    public double FullNormalizer
    {
        get
        {
            double z = 0;
            for (int i = 0; i < _budgets.Length; i++)
            {
                z += _p[i] * _budgets[i];
            }

            return z;
        }
    }

    /// <summary>The normaliser of the current round (clients dispatched this round).</summary>
    public double RoundNormalizer => _normalizer;

    /// <summary>The current round (1-based).</summary>
    public long Round => _rounds.Round;

    /// <summary>Attempts timed out so far.</summary>
    public long FailedAttempts { get; private set; }

    /// <summary>What the scheduler decided so far.</summary>
    public SchedulerStatistics Statistics => _rounds.Statistics;

    /// <inheritdoc />
    public void OnStart(ISchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_budgets.Length != context.ClientCount)
        {
            throw new InvalidOperationException($"MindFlayer was given {_budgets.Length} budgets but the engine has {context.ClientCount} clients.");
        }

        StartRound(context);
    }

    /// <inheritdoc />
    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        _rounds.Submit(context, result, _options.Submit(context, in result, _workers));
    }

    /// <inheritdoc />
    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        ArgumentNullException.ThrowIfNull(context);
        _rounds.RecordWorkerTime(ended);
        if (!_rounds.IsCurrent(ended))
        {
            return;
        }

        if (ended.Reason == TaskEndReason.TimedOut)
        {
            FailedAttempts++;
        }

        int i = ended.Task.ClientId;
        _attempts[i]++;
        if (_attempts[i] < _budgets[i] && SchedulerUtil.CanDispatch(context, i))
        {
            Dispatch(context, i);
            return;
        }

        _rounds.Settle(); // client i has used its budget this round
        _rounds.EndRoundIfDone(context, new FlushOptions { Normalizer = _normalizer });
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
        _normalizer = 0;
        for (int i = 0; i < _budgets.Length; i++)
        {
            _attempts[i] = 0;
            if (_budgets[i] > 0 && SchedulerUtil.CanDispatch(context, i))
            {
                _rounds.Expect(); // one unit per client: its whole budget of attempts
                _normalizer += _p[i] * _budgets[i];
                Dispatch(context, i);
            }
        }
    }

    private void Dispatch(ISchedulerContext context, int i) =>
        _rounds.Dispatch(context, _options.Request(i) with { TimeLimitSeconds = _limits[i] });
}
