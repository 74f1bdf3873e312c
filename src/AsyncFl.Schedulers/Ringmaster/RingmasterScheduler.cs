namespace AsyncFl.Schedulers;

/// <summary>
/// Ringmaster ASGD: asynchronous SGD that never applies a gradient whose delay reached R, either discarding it on
/// arrival (variant A) or cancelling and restarting the worker as soon as its delay reaches R (variant B). Attains
/// the optimal time complexity without knowing the workers' speeds. With R = ∞ it makes exactly the decisions of
/// <see cref="AsgdScheduler"/>.
/// </summary>
public sealed class RingmasterScheduler : IScheduler
{
    private readonly AsyncSgdCore _core;

    /// <summary>Creates the scheduler (the options are validated and copied).</summary>
    /// <param name="options">The options.</param>
    public RingmasterScheduler(RingmasterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        long r = options.DelayThreshold ?? long.MaxValue;
        bool cancel = options.Variant == RingmasterVariant.CancelAndRestart && options.DelayThreshold is not null;
        _core = new AsyncSgdCore(r, cancel, false, options.LearningRate, null, options.ActiveClients?.ToArray(), options.LocalSteps, RejectionReason.TooStale);
        DelayThreshold = options.DelayThreshold;
        Variant = options.Variant;
        Name = $"Ringmaster{(options.Variant == RingmasterVariant.DiscardOnArrival ? "A" : "B")}(R={(options.DelayThreshold is int v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "∞")})";
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>R (null = ∞).</summary>
    public int? DelayThreshold { get; }

    /// <summary>The variant.</summary>
    public RingmasterVariant Variant { get; }

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
