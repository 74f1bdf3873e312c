using System.Globalization;

namespace AsyncFl.Scheduling;

/// <summary>
/// The synchronous baseline (FedAvg rounds): sample <see cref="SynchronousRoundsSchedulerOptions.ClientsPerRound"/>
/// clients, wait until every one of them ended (dropped ones are missing), accept every result of the round, then
/// <see cref="ISchedulerContext.Flush"/> — one server step per round. An optional deadline cancels stragglers.
/// Results of an older round (impossible without a deadline) are discarded.
/// </summary>
public sealed class SynchronousRoundsScheduler : IScheduler
{
    private readonly SynchronousRoundsSchedulerOptions _options;
    private readonly Func<int, bool> _eligible;
    private int[] _cohort = [];
    private ISchedulerContext? _context;
    private long _round = -1;
    private int _outstanding;
    private bool _roundOpen;
    private bool _waitingForClients;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="options">The options (copied and validated).</param>
    public SynchronousRoundsScheduler(SynchronousRoundsSchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _eligible = c => _context is { } ctx && !ctx.IsBusy(c) && ctx.IsAvailable(c);
    }

    /// <inheritdoc />
    public string Name => string.Create(
        CultureInfo.InvariantCulture,
        $"SynchronousRounds(m={_options.ClientsPerRound}, steps={_options.LocalSteps}{(double.IsFinite(_options.RoundDeadlineSeconds) ? $", deadline={_options.RoundDeadlineSeconds}s" : string.Empty)})");

    /// <summary>The current round number (0-based; −1 before the start).</summary>
    public long Round => _round;

    /// <inheritdoc />
    public void OnStart(ISchedulerContext context) => StartRound(context);

    /// <inheritdoc />
    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_roundOpen && result.Task.Request.Tag == _round)
        {
            context.Accept(in result, SubmitOptions.Default);
        }
        else
        {
            context.Discard(in result, RejectionReason.DiscardedByScheduler);
        }
    }

    /// <inheritdoc />
    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_roundOpen || ended.Task.Request.Tag != _round)
        {
            return;
        }

        if (--_outstanding == 0)
        {
            CloseRound(context);
        }
    }

    /// <inheritdoc />
    public void OnClientAvailable(ISchedulerContext context, int clientId)
    {
        if (_waitingForClients)
        {
            _waitingForClients = false;
            StartRound(context);
        }
    }

    /// <inheritdoc />
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
            if (task.Request.Tag == _round)
            {
                context.Cancel(task.Handle);
            }
        }

        CloseRound(context);
    }

    private void CloseRound(ISchedulerContext context)
    {
        _roundOpen = false;
        context.Flush(_options.Flush);
        StartRound(context);
    }

    private void DispatchInRound(ISchedulerContext context, int client)
    {
        context.Dispatch(new TaskRequest(client)
        {
            LocalSteps = _options.LocalSteps,
            ClientLearningRate = _options.ClientLearningRate,
            Tag = _round,
        });
        _outstanding++;
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
                for (int i = 0; i < _options.ClientsPerRound; i++)
                {
                    int client = ClientPicker.PickUniform(context);
                    if (client < 0)
                    {
                        break;
                    }

                    DispatchInRound(context, client);
                }
            }
            else
            {
                // The round's cohort is one draw of m (a sampler's law is over the whole cohort: m one-client draws
                // are not a draw of m); a with-replacement sampler's repeats are dispatched once.
                int m = Math.Min(_options.ClientsPerRound, context.ClientCount);
                if (_cohort.Length < m)
                {
                    _cohort = new int[m];
                }

                int drawn = _options.Sampler.Sample(context.ClientCount, _cohort.AsSpan(0, m), [], context.Random, _eligible);
                for (int i = 0; i < drawn; i++)
                {
                    if (_eligible(_cohort[i]))
                    {
                        DispatchInRound(context, _cohort[i]);
                    }
                }
            }
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
}
