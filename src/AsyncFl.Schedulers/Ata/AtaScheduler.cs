using AsyncFl.Schedulers.Theory;

namespace AsyncFl.Schedulers;

/// <summary>
/// ATA / ATA-Empirical. Round k: scores <c>s_i = μ̂_i − c·α_i·(√(ln(2k²)/K_i) + ln(2k²)/K_i)</c> (−∞ for a worker never
/// observed), allocation <c>a = </c><see cref="AtaAllocation.Allocate"/><c>(s, B)</c>, worker i runs a_i tasks one
/// after another at the round's model; each completed task's duration (end − start) updates μ̂_i and K_i; after the
/// round's B tasks ended the buffer is flushed (mean of the gradients). Unavailable workers get no tasks.
/// </summary>
internal sealed class AtaScheduler : IScheduler, ISchedulerStatisticsSource
{
    private readonly int _b;
    private readonly bool _empirical;
    private readonly double[]? _scales;
    private readonly double _c;
    private readonly AtaOptions _options;
    private readonly RoundBookkeeper _rounds;
    private double[] _sum = [];
    private long[] _count = [];
    private double[] _scores = [];
    private int[] _allocation = [];
    private int[] _remaining = [];

    /// <summary>Creates the scheduler (the options are validated and copied).</summary>
    /// <param name="options">The options.</param>
    public AtaScheduler(AtaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _rounds = new RoundBookkeeper(StartRound);
        _b = options.TasksPerRound;
        _empirical = options.Variant == AtaVariant.Empirical;
        _scales = options.Scales?.ToArray();
        _c = options.ConfidenceConstant;
        _options = options.Copy<AtaOptions>();
        Name = $"ATA{(_empirical ? "-Empirical" : string.Empty)}(B={_b})";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The current round (1-based).</summary>
    public long Round => _rounds.Round;

    /// <summary>The current round's allocation a_i.</summary>
    public IReadOnlyList<int> Allocation => _allocation;

    /// <summary>The mean observed task time μ̂_i (NaN when never observed).</summary>
    /// <param name="client">The client.</param>
    /// <returns>μ̂_i.</returns>
    public double MeanTaskTime(int client) => _count[client] > 0 ? _sum[client] / _count[client] : double.NaN;

    /// <summary>The number of observed task times K_i.</summary>
    /// <param name="client">The client.</param>
    /// <returns>K_i.</returns>
    public long Observations(int client) => _count[client];

    /// <summary>What the scheduler decided so far (WorkerSeconds is ATA's cost: the total worker time).</summary>
    public SchedulerStatistics Statistics => _rounds.Statistics;

    /// <inheritdoc />
    public void OnStart(ISchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int n = context.ClientCount;
        if (!_empirical && _scales!.Length != n)
        {
            throw new InvalidOperationException($"ATA was given {_scales.Length} scales but the engine has {n} clients.");
        }

        _sum = new double[n];
        _count = new long[n];
        _scores = new double[n];
        _allocation = new int[n];
        _remaining = new int[n];
        StartRound(context);
    }

    /// <inheritdoc />
    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        _rounds.Submit(context, result, _options.Submit(context, in result, _b));
    }

    /// <inheritdoc />
    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        ArgumentNullException.ThrowIfNull(context);
        int i = ended.Task.ClientId;
        double duration = _rounds.RecordWorkerTime(ended);
        if (ended.Reason == TaskEndReason.Completed)
        {
            _sum[i] += duration;
            _count[i]++;
        }

        if (!_rounds.IsCurrent(ended))
        {
            return;
        }

        _rounds.Settle();
        if (_remaining[i] > 0)
        {
            if (SchedulerUtil.CanDispatch(context, i))
            {
                Dispatch(context, i);
            }
            else
            {
                _rounds.Settle(_remaining[i]);
                _remaining[i] = 0;
            }
        }

        _rounds.EndRoundIfDone(context, FlushOptions.Default);
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
        bool any = false;
        for (int i = 0; i < _scores.Length; i++)
        {
            if (!SchedulerUtil.CanDispatch(context, i))
            {
                _scores[i] = double.PositiveInfinity; // excluded this round
                continue;
            }

            any = true;
            double mean = _count[i] > 0 ? _sum[i] / _count[i] : 0;
            double alpha = _empirical ? 2 * mean : _scales![i];
            _scores[i] = AtaAllocation.LowerConfidenceBound(mean, _count[i], _rounds.Round, alpha, _c);
        }

        Array.Clear(_allocation);
        if (!any)
        {
            return;
        }

        AtaAllocation.Allocate(_scores, _b, _allocation);
        for (int i = 0; i < _allocation.Length; i++)
        {
            _remaining[i] = _allocation[i];
            _rounds.Expect(_allocation[i]);
        }

        for (int i = 0; i < _allocation.Length; i++)
        {
            if (_remaining[i] > 0)
            {
                Dispatch(context, i);
            }
        }
    }

    private void Dispatch(ISchedulerContext context, int i)
    {
        _remaining[i]--;
        _rounds.Dispatch(context, _options.Request(i));
    }
}
