using System.Globalization;

namespace AsyncFl.Scheduling;

/// <summary>
/// The asynchronous baseline (FedAsync / ASGD style): keeps <see cref="AsynchronousSchedulerOptions.Concurrency"/>
/// tasks in flight, refilling a free slot at once with a client drawn among the idle, available ones, and hands
/// every result to the aggregator with <see cref="SubmitOptions.Default"/> (optionally discarding results staler
/// than <see cref="AsynchronousSchedulerOptions.MaxStaleness"/>).
/// </summary>
public sealed class AsynchronousScheduler : IScheduler
{
    private readonly AsynchronousSchedulerOptions _options;
    private readonly Func<int, bool> _eligible;
    private readonly int[] _one = new int[1];
    private ISchedulerContext? _context;

    /// <summary>Creates the scheduler.</summary>
    /// <param name="options">The options (copied and validated).</param>
    public AsynchronousScheduler(AsynchronousSchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _eligible = c => _context is { } ctx && !ctx.IsBusy(c) && ctx.IsAvailable(c);
    }

    /// <inheritdoc />
    public string Name => string.Create(
        CultureInfo.InvariantCulture,
        $"Asynchronous(C={_options.Concurrency}, steps={_options.LocalSteps}{(_options.MaxStaleness is { } s ? $", maxStaleness={s}" : string.Empty)})");

    /// <inheritdoc />
    public void OnStart(ISchedulerContext context) => Fill(context);

    /// <inheritdoc />
    public void OnResult(ISchedulerContext context, in TaskResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_options.MaxStaleness is { } max && result.Staleness > max)
        {
            context.Discard(in result, RejectionReason.TooStale);
            return;
        }

        context.Accept(in result, SubmitOptions.Default);
    }

    /// <inheritdoc />
    public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
    {
        ArgumentNullException.ThrowIfNull(context);
        int client = ended.Task.ClientId;
        if (_options.Sampler is null && context.ClientCount - context.InFlightCount == 1 && context.InFlightCount < _options.Concurrency
            && !context.IsBusy(client) && context.IsAvailable(client))
        {
            // Every other client is busy: the one just freed is the only eligible one (the uniform draw is certain).
            // Skipping the draw keeps "all n workers busy" at O(1) per event for any n.
            Dispatch(context, client);
            return;
        }

        Fill(context);
    }

    /// <inheritdoc />
    public void OnClientAvailable(ISchedulerContext context, int clientId) => Fill(context);

    /// <inheritdoc />
    public void OnTimer(ISchedulerContext context, long tag)
    {
    }

    private void Fill(ISchedulerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        try
        {
            int target = Math.Min(_options.Concurrency, context.ClientCount);
            while (context.InFlightCount < target)
            {
                int client = ClientPicker.Pick(context, _options.Sampler, _eligible, _one);
                if (client < 0)
                {
                    return;
                }

                Dispatch(context, client);
            }
        }
        finally
        {
            _context = null;
        }
    }

    private void Dispatch(ISchedulerContext context, int client) =>
        context.Dispatch(new TaskRequest(client)
        {
            LocalSteps = _options.LocalSteps,
            ClientLearningRate = _options.ClientLearningRate,
            TimeLimitSeconds = _options.TimeLimitSeconds,
        });
}
