using System.Threading.Channels;

namespace AsyncFl.Engine;

/// <summary>
/// The real clock: every dispatched task runs as a concurrent .NET task (an injected delay awaited on the
/// <see cref="TimeProvider"/>, then <see cref="EngineTask.Execute"/>, then its uploads); results, releases and
/// timers flow through one bounded channel (<c>SingleReader = true</c>) to ONE consumer that runs every scheduler
/// callback and every aggregation. The scheduler cannot tell it from the virtual clock.
/// </summary>
/// <remarks>Cancelling a task cancels its token: a delay in progress stops at once, a result not yet delivered
/// is never delivered. <see cref="RunAsync"/> returns only after every client task has finished.</remarks>
public sealed class RealTimeRunner : ITaskRunner
{
    private readonly FederatedServer _server;
    private readonly IRunnerPort _port;
    private readonly RealTimeRunnerOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<Message> _channel;
    private readonly Dictionary<long, ITimer> _timers = [];
    private readonly long _delaySeed;
    private CancellationTokenSource?[] _cts = new CancellationTokenSource?[16];
    private long _start;
    private bool _running;
    private int _outstanding;
    private long _events;

    /// <summary>Creates the runner and attaches it to <paramref name="server"/>.</summary>
    /// <param name="server">The server (not yet attached to a runner).</param>
    /// <param name="options">The options (copied and validated).</param>
    public RealTimeRunner(FederatedServer server, RealTimeRunnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _time = _options.TimeProvider;
        _server = server;
        _delaySeed = RandomSource.Create(server.Seed, 4).NextInt64();
        _channel = Channel.CreateBounded<Message>(new BoundedChannelOptions(_options.ChannelCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _start = _time.GetTimestamp();
        _port = server.Attach(this);
    }

    /// <summary>The server this runner drives.</summary>
    public FederatedServer Server => _server;

    /// <inheritdoc />
    public double Now => _time.GetElapsedTime(_start).TotalSeconds;

    /// <inheritdoc />
    public int ClientCount => _options.ClientCount;

    /// <inheritdoc />
    public bool IsAvailable(int clientId) => _options.IsAvailable?.Invoke(clientId) ?? true;

    /// <summary>Tells the scheduler (on the event thread) that a client came online. Thread-safe.</summary>
    /// <param name="clientId">The client.</param>
    public void NotifyClientAvailable(int clientId) => Post(new Message(MessageKind.Available, null, default, 0) { Value = clientId });

    /// <summary>
    /// Runs training until a stopping rule fires or nothing is left to happen; then abandons in-flight tasks and
    /// waits for every client task to finish. Call once.
    /// </summary>
    /// <param name="cancellationToken">Stops the run (in-flight tasks are abandoned, then
    /// <see cref="OperationCanceledException"/> is thrown).</param>
    /// <returns>Why it stopped, the time, the event count and the statistics.</returns>
    public async Task<RunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        if (_running)
        {
            throw new InvalidOperationException("RunAsync was already called.");
        }

        _running = true;
        _start = _time.GetTimestamp();
        using var duration = _options.MaxDuration is { } d ? new CancellationTokenSource(d, _time) : null;
        using var linked = duration is null
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, duration.Token);
        var reader = _channel.Reader;
        StopReason reason = StopReason.Idle;
        bool cancelled = false;
        try
        {
            _port.Start();
            while (true)
            {
                if (Check(out reason))
                {
                    break;
                }

                if (_outstanding == 0 && _timers.Count == 0 && !reader.TryPeek(out _))
                {
                    reason = StopReason.Idle;
                    break;
                }

                Message message;
                try
                {
                    if (!reader.TryRead(out message))
                    {
                        message = await reader.ReadAsync(linked.Token).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (linked.IsCancellationRequested)
                {
                    cancelled = cancellationToken.IsCancellationRequested;
                    reason = StopReason.MaxDuration;
                    break;
                }

                Handle(message);
            }
        }
        finally
        {
            _port.Stop();
            while (_outstanding > 0)
            {
                var message = await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
                if (message.Kind == MessageKind.Released)
                {
                    Handle(message);
                }
            }

            foreach (var timer in _timers.Values)
            {
                timer.Dispose();
            }

            _timers.Clear();
        }

        if (cancelled)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        return new RunResult(reason, Now, _events, _server.Version, _server.GetStatistics());
    }

    /// <inheritdoc />
    void ITaskRunner.Launch(EngineTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Slot >= _cts.Length)
        {
            Array.Resize(ref _cts, Math.Max(task.Slot + 1, _cts.Length * 2));
        }

        var cts = new CancellationTokenSource();
        _cts[task.Slot] = cts;
        _outstanding++;
        var random = RandomSource.Create(_delaySeed, task.Id);
        var key = task.Key;
        int client = task.ClientId;
        var token = cts.Token;
        _ = Task.Run(() => RunClientAsync(task, key, client, random, token), CancellationToken.None);
    }

    /// <inheritdoc />
    void ITaskRunner.Cancel(EngineTask task)
    {
        ArgumentNullException.ThrowIfNull(task);

        // Asynchronous cancellation: the client's continuation never runs inline on the event thread.
        _ = _cts[task.Slot]?.CancelAsync();
    }

    /// <inheritdoc />
    void ITaskRunner.SetTimer(double dueTime, long cookie)
    {
        var due = TimeSpan.FromSeconds(Math.Max(0, dueTime - Now));
        var timer = _time.CreateTimer(
            static state =>
            {
                var (runner, c) = ((RealTimeRunner, long))state!;
                runner.Post(new Message(MessageKind.Timer, null, default, 0) { Value = c });
            },
            (this, cookie),
            due,
            Timeout.InfiniteTimeSpan);
        _timers[cookie] = timer;
    }

    private async Task RunClientAsync(EngineTask task, TaskKey key, int client, RandomSource random, CancellationToken token)
    {
        Exception? fault = null;
        try
        {
            var delay = _options.ClientDelay?.Invoke(client, random) ?? TimeSpan.Zero;
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _time, token).ConfigureAwait(false);
            }

            token.ThrowIfCancellationRequested();
            task.Execute();
            int uploads = task.Request.Uploads;
            for (int j = 0; j < uploads; j++)
            {
                token.ThrowIfCancellationRequested();
                await _channel.Writer.WriteAsync(new Message(MessageKind.Result, task, key, j), token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Cancelled: nothing more is delivered.
        }
#pragma warning disable CA1031 // A failing client is a dropout (reported with its exception, which the server logs).
        catch (Exception e)
#pragma warning restore CA1031
        {
            fault = e;
        }
        finally
        {
            await _channel.Writer.WriteAsync(new Message(MessageKind.Released, task, key, 0) { Fault = fault }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private void Post(Message message)
    {
        if (!_channel.Writer.TryWrite(message))
        {
            _ = _channel.Writer.WriteAsync(message, CancellationToken.None).AsTask();
        }
    }

    private bool Check(out StopReason reason)
    {
        if (_server.StopRequested)
        {
            reason = StopReason.SchedulerRequested;
            return true;
        }

        if (_options.MaxServerSteps is { } max && _server.Version.Value >= max)
        {
            reason = StopReason.MaxServerSteps;
            return true;
        }

        if (_options.StopWhen is { } when && when(_server))
        {
            reason = StopReason.Predicate;
            return true;
        }

        reason = StopReason.Idle;
        return false;
    }

    private void Handle(Message message)
    {
        _events++;
        switch (message.Kind)
        {
            case MessageKind.Result:
                // A result of a task that ended meanwhile (cancelled, timed out, abandoned) is never delivered.
                if (!_server.IsStopped && _port.TryGetTask(message.Key, out var task))
                {
                    _port.DeliverResult(task, message.Upload);
                }

                break;
            case MessageKind.Released:
                var released = message.Task!;
                _outstanding--;
                var cts = _cts[released.Slot];
                _cts[released.Slot] = null;
                cts?.Dispose();
                if (message.Fault is not null)
                {
                    _port.ReportDropped(released, message.Fault);
                }

                _port.Release(released);
                break;
            case MessageKind.Timer:
                if (_timers.Remove(message.Value, out var timer))
                {
                    timer.Dispose();
                    _port.TimerFired(message.Value);
                }

                break;
            default:
                _port.ClientAvailable((int)message.Value);
                break;
        }
    }

    private enum MessageKind
    {
        Result,
        Released,
        Timer,
        Available,
    }

    private readonly record struct Message(MessageKind Kind, EngineTask? Task, TaskKey Key, int Upload)
    {
        public long Value { get; init; }

        public Exception? Fault { get; init; }
    }
}
