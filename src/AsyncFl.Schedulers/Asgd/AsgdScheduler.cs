namespace AsyncFl.Schedulers;

/// <summary>
/// Asynchronous SGD: vanilla, delay-adaptive (<c>γ_k = γ·M/max(M, δ_k)</c>) or naive optimal (restricted to the m*
/// fastest workers). Every active worker is kept busy at the current model; every gradient is accepted at once.
/// Pair with an immediate gradient aggregator (<c>SgdAggregator</c> with <c>BufferSize = 1</c>).
/// </summary>
public sealed class AsgdScheduler : IScheduler
{
    private readonly AsyncSgdCore _core;

    /// <summary>Creates the scheduler (the options are validated and copied).</summary>
    /// <param name="options">The options.</param>
    public AsgdScheduler(AsgdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        long threshold = options.MaxDelay is long d ? d + 1 : long.MaxValue;
        _core = new AsyncSgdCore(threshold, false, options.DelayAdaptive, options.LearningRate, options.Concurrency, options.ActiveClients?.ToArray(), options.LocalSteps, RejectionReason.TooStale);
        Name = (options.DelayAdaptive ? "DelayAdaptiveASGD" : "ASGD")
            + (options.ActiveClients is null ? string.Empty : $"(m={options.ActiveClients.Count})");
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>What the scheduler decided so far.</summary>
    public SchedulerStatistics Statistics => _core.Statistics;

    /// <inheritdoc />
    public void OnStart(ISchedulerContext context) => _core.OnStart(context);

    /// <inheritdoc />
    public void OnResult(ISchedulerContext context, in TaskResult result) => _core.OnResult(context, result);

    /// <inheritdoc />
    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended) => _core.OnTaskEnded(context, ended);

    /// <inheritdoc />
    public void OnClientAvailable(ISchedulerContext context, int clientId) => _core.OnClientAvailable(context, clientId);

    /// <inheritdoc />
    public void OnTimer(ISchedulerContext context, long tag)
    {
    }
}
