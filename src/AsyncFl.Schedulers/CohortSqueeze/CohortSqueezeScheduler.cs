using AsyncFl.Sampling;

namespace AsyncFl.Schedulers;

/// <summary>
/// Cohort squeeze: draw a cohort with the sampler (and its unbiased weights u_i), then run K local communication
/// rounds with it: each round dispatches one task to every available cohort member, accepts each result with weight
/// <c>u_i·m</c> and, when all the round's tasks ended, flushes with normaliser m (the cohort size), i.e. applies the
/// Horvitz–Thompson estimate <c>Σ_{i∈C} u_i U_i</c> of the population mean. After K rounds the next cohort is drawn.
/// With K = 1 and the whole population as cohort this is synchronous minibatch SGD / FedAvg.
/// </summary>
public sealed class CohortSqueezeScheduler : IScheduler
{
    private readonly int _m;
    private readonly int _k;
    private readonly IClientSampler _sampler;
    private readonly int _localSteps;
    private readonly double _timeLimit;
    private readonly double _learningRate;
    private readonly RoundBookkeeper _rounds;
    private int[] _cohort = [];
    private double[] _weights = [];
    private double[] _weightOf = [];
    private int _cohortCount;
    private int _localRound;

    /// <summary>Creates the scheduler (the options are validated and copied).</summary>
    /// <param name="options">The options.</param>
    public CohortSqueezeScheduler(CohortSqueezeOptions options)
        : this(options, null)
    {
    }

    internal CohortSqueezeScheduler(CohortSqueezeOptions options, string? name)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(CohortSqueezeOptions));
        _rounds = new RoundBookkeeper(StartRound);
        _m = options.CohortSize;
        _k = options.LocalRounds;
        _sampler = options.Sampler ?? new UniformWithoutReplacementSampler();
        _localSteps = options.LocalSteps;
        _timeLimit = options.TimeLimitSeconds;
        _learningRate = options.LearningRate;
        Name = name ?? $"CohortSqueeze(m={_m}, K={_k}, {_sampler.Name})";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The current cohort.</summary>
    public ReadOnlySpan<int> Cohort => _cohort.AsSpan(0, _cohortCount);

    /// <summary>Cohorts drawn so far.</summary>
    public long Cohorts { get; private set; }

    /// <summary>Communication rounds started so far (cohorts × K).</summary>
    public long CommunicationRounds => _rounds.Round;

    /// <summary>What the scheduler decided so far.</summary>
    public SchedulerStatistics Statistics => _rounds.Statistics;

    /// <inheritdoc />
    public void OnStart(ISchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _weightOf = new double[context.ClientCount];
        _cohort = new int[Math.Min(_m, context.ClientCount)];
        _weights = new double[_cohort.Length];
        _localRound = _k; // forces a new cohort
        StartRound(context);
    }

    /// <inheritdoc />
    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        double w = _weightOf[result.Task.ClientId] * _cohortCount;
        _rounds.Submit(context, result, new SubmitOptions { Weight = w, LearningRate = _learningRate });
    }

    /// <inheritdoc />
    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        ArgumentNullException.ThrowIfNull(context);
        _rounds.EndTask(context, ended, new FlushOptions { Normalizer = _cohortCount });
    }

    /// <inheritdoc />
    public void OnClientAvailable(ISchedulerContext context, int clientId) => _rounds.StartIfIdle(context);

    /// <inheritdoc />
    public void OnTimer(ISchedulerContext context, long tag)
    {
    }

    private void StartRound(ISchedulerContext context)
    {
        if (_localRound >= _k || _cohortCount == 0)
        {
            _cohortCount = _sampler.Sample(context.ClientCount, _cohort, _weights, context.Random, c => SchedulerUtil.CanDispatch(context, c));
            for (int j = 0; j < _cohortCount; j++)
            {
                _weightOf[_cohort[j]] = _weights[j];
            }

            _localRound = 0;
            Cohorts++;
        }

        _localRound++;
        _rounds.BeginRound();
        for (int j = 0; j < _cohortCount; j++)
        {
            int c = _cohort[j];
            if (SchedulerUtil.CanDispatch(context, c))
            {
                _rounds.Dispatch(context, new TaskRequest(c) { LocalSteps = _localSteps, TimeLimitSeconds = _timeLimit });
                _rounds.Expect();
            }
        }
    }
}
