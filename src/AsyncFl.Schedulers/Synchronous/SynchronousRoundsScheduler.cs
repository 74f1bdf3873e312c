using System.Globalization;

namespace AsyncFl.Schedulers;

/// <summary>
/// The synchronous family (<see cref="SynchronousRoundsOptions"/>): draw a cohort of m clients, dispatch one task to
/// each (tagged with the round), wait until every one ended (dropped ones are missing; a deadline cancels
/// stragglers), accept the round's results, flush — one server step per round — and start the next round with the
/// same cohort until K rounds ran, then draw a new cohort. Results of an older round are discarded.
/// </summary>
internal sealed class SynchronousRoundsScheduler : IScheduler, ISchedulerStatisticsSource
{
    private readonly SynchronousRoundsOptions _options;
    private readonly Func<int, bool> _eligible;
    private ISchedulerContext? _context;
    private int[] _cohort = [];
    private double[] _weights = [];
    private double[] _weightOf = [];
    private int _cohortCount;
    private int _localRound;
    private long _round = -1;
    private int _outstanding;
    private bool _roundOpen;
    private bool _waitingForClients;

    public SynchronousRoundsScheduler(SynchronousRoundsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Copy<SynchronousRoundsOptions>();
        _eligible = c => _context is { } ctx && !ctx.IsBusy(c) && ctx.IsAvailable(c);
        Name = _options.Label ?? string.Create(
            CultureInfo.InvariantCulture,
            $"SynchronousRounds(m={(_options.ClientsPerRound is { } m ? m.ToString(CultureInfo.InvariantCulture) : "all")}, steps={_options.LocalSteps}{(_options.RoundsPerCohort > 1 ? $", K={_options.RoundsPerCohort}" : string.Empty)}{(double.IsFinite(_options.RoundDeadlineSeconds) ? $", deadline={_options.RoundDeadlineSeconds}s" : string.Empty)})");
    }

    public string Name { get; }

    public SchedulerStatistics Statistics { get; } = new();

    /// <summary>The current round (0-based; −1 before the start).</summary>
    public long Round => _round;

    /// <summary>Cohorts drawn so far.</summary>
    public long Cohorts { get; private set; }

    /// <summary>The current cohort.</summary>
    public ReadOnlySpan<int> Cohort => _cohort.AsSpan(0, _cohortCount);

    public void OnStart(ISchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int m = Math.Min(_options.ClientsPerRound ?? context.ClientCount, context.ClientCount);
        _cohort = new int[m];
        _weights = new double[m];
        _weightOf = new double[context.ClientCount];
        _localRound = _options.RoundsPerCohort; // forces a new cohort
        StartRound(context);
    }

    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_roundOpen || result.Task.Request.Tag != _round)
        {
            context.Discard(in result, RejectionReason.DiscardedByScheduler);
            Statistics.Discarded++;
            return;
        }

        double weight = _options.Sampler is null ? 1.0 : _weightOf[result.Task.ClientId] * _cohortCount;
        var outcome = context.Accept(in result, _options.Submit(context, in result, _cohortCount, weight));
        if (outcome.Accepted)
        {
            Statistics.Accepted++;
        }
        else
        {
            Statistics.RejectedByAggregator++;
        }
    }

    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        ArgumentNullException.ThrowIfNull(context);
        Statistics.WorkerSeconds += ended.EndTime - ended.Task.StartTime;
        if (!_roundOpen || ended.Task.Request.Tag != _round)
        {
            return;
        }

        if (--_outstanding == 0)
        {
            CloseRound(context);
        }
    }

    public void OnClientAvailable(ISchedulerContext context, int clientId)
    {
        if (_waitingForClients)
        {
            _waitingForClients = false;
            StartRound(context);
        }
    }

    public void OnTimer(ISchedulerContext context, long tag)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_roundOpen || tag != _round)
        {
            return;
        }

        // Deadline: cancel the round's stragglers (their end notifications arrive after this callback and are ignored).
        foreach (var task in context.InFlight)
        {
            if (task.Request.Tag == _round && context.Cancel(task.Handle))
            {
                Statistics.Cancelled++;
            }
        }

        CloseRound(context);
    }

    private void CloseRound(ISchedulerContext context)
    {
        _roundOpen = false;
        context.Flush(_options.Normalization == RoundNormalization.CohortSize ? new FlushOptions { Normalizer = _cohortCount } : FlushOptions.Default);
        Statistics.Rounds++;
        StartRound(context);
    }

    private void StartRound(ISchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _round++;
        _outstanding = 0;
        _context = context;
        try
        {
            if (_options.Sampler is null)
            {
                // Uniformly, one idle client after another: the chosen ones are busy, so this is without replacement.
                if (_localRound >= _options.RoundsPerCohort || _cohortCount == 0)
                {
                    NewCohort();
                    for (int i = 0; i < _cohort.Length && context.TryPickIdleClient(out int client); i++)
                    {
                        _cohort[_cohortCount++] = client;
                        Dispatch(context, client);
                    }
                }
                else
                {
                    DispatchCohort(context);
                }
            }
            else
            {
                if (_localRound >= _options.RoundsPerCohort || _cohortCount == 0)
                {
                    NewCohort();
                    _cohortCount = _options.Sampler.Sample(context.ClientCount, _cohort, _weights, context.Random, _eligible);
                    for (int j = 0; j < _cohortCount; j++)
                    {
                        _weightOf[_cohort[j]] = _weights[j];
                    }
                }

                DispatchCohort(context);
            }

            _localRound++;
        }
        finally
        {
            _context = null;
        }

        if (_outstanding == 0)
        {
            _waitingForClients = true;
            return;
        }

        _roundOpen = true;
        if (double.IsFinite(_options.RoundDeadlineSeconds))
        {
            context.SetTimer(_options.RoundDeadlineSeconds, _round);
        }
    }

    private void NewCohort()
    {
        _cohortCount = 0;
        _localRound = 0;
        Cohorts++;
    }

    // The cohort's members that are idle and available (a sampler with replacement may repeat one: it works once).
    private void DispatchCohort(ISchedulerContext context)
    {
        for (int j = 0; j < _cohortCount; j++)
        {
            if (SchedulerUtil.CanDispatch(context, _cohort[j]))
            {
                Dispatch(context, _cohort[j]);
            }
        }
    }

    private void Dispatch(ISchedulerContext context, int client)
    {
        context.Dispatch(_options.Request(client) with { Tag = _round, TimeLimitSeconds = _options.TimeLimitSeconds });
        _outstanding++;
        Statistics.Dispatched++;
    }
}
