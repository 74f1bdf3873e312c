namespace AsyncFl;

/// <summary>
/// A scheduling policy: decides which client works on what and when, judges each result on arrival (accept with
/// a weight, or discard), cancels and restarts in-flight work, and says when buffered updates become a server
/// step. Naive / delay-adaptive ASGD, Rennala, Ringmaster (both variants), Shadowheart, MindFlayer, ATA, cohort
/// squeeze and synchronous FedAvg rounds are all schedulers.
/// </summary>
/// <remarks>
/// The engine calls a scheduler from one thread at a time (the event loop), in time order, under either clock;
/// a scheduler therefore needs no locking and must not know which clock runs it. All effects go through the
/// <see cref="ISchedulerContext"/>. Every result handed to <see cref="OnResult"/> must be either accepted or
/// discarded through the context before the call returns (the engine discards, and counts, any result left
/// undecided).
/// </remarks>
public interface IScheduler
{
    /// <summary>A short description with the parameters.</summary>
    string Name { get; }

    /// <summary>Called once when training starts: dispatch the initial work.</summary>
    /// <param name="context">The engine.</param>
    void OnStart(ISchedulerContext context);

    /// <summary>A result arrived (one of <see cref="TaskRequest.Uploads"/> for its task).</summary>
    /// <param name="context">The engine.</param>
    /// <param name="result">The result, with its staleness at arrival.</param>
    void OnResult(ISchedulerContext context, in TaskResult result);

    /// <summary>A task ended: all its results delivered, cancelled, timed out or dropped. Its client is idle again.</summary>
    /// <param name="context">The engine.</param>
    /// <param name="ended">How the task ended.</param>
    void OnTaskEnded(ISchedulerContext context, in TaskEnded ended);

    /// <summary>An idle client became available (came online).</summary>
    /// <param name="context">The engine.</param>
    /// <param name="clientId">The client.</param>
    void OnClientAvailable(ISchedulerContext context, int clientId);

    /// <summary>A timer set with <see cref="ISchedulerContext.SetTimer"/> fired.</summary>
    /// <param name="context">The engine.</param>
    /// <param name="tag">The tag given when the timer was set.</param>
    void OnTimer(ISchedulerContext context, long tag);
}

/// <summary>What a scheduler can see and do. Implemented by the engine; valid only during a callback.</summary>
public interface ISchedulerContext
{
    /// <summary>Seconds since training started on the engine's clock (virtual or real).</summary>
    double Now { get; }

    /// <summary>The global model's current version.</summary>
    ModelVersion Version { get; }

    /// <summary>The global model (read-only for schedulers).</summary>
    GlobalModel Model { get; }

    /// <summary>Number of clients (workers); ids are <c>0 … ClientCount−1</c>.</summary>
    int ClientCount { get; }

    /// <summary>The engine's seeded random source for scheduling decisions.</summary>
    RandomSource Random { get; }

    /// <summary>Whether the client is online now (availability windows; an unavailable client cannot be dispatched).</summary>
    /// <param name="clientId">The client.</param>
    bool IsAvailable(int clientId);

    /// <summary>Whether the client is working on a task now.</summary>
    /// <param name="clientId">The client.</param>
    bool IsBusy(int clientId);

    /// <summary>
    /// Draws a client uniformly among the idle, available ones with <see cref="Random"/>, in O(1) expected time
    /// whatever the number of clients (the engine keeps the idle set). False when every client is busy or offline.
    /// </summary>
    /// <param name="clientId">The client drawn, or −1.</param>
    /// <returns>Whether a client was drawn.</returns>
    bool TryPickIdleClient(out int clientId);

    /// <summary>Number of tasks in flight.</summary>
    int InFlightCount { get; }

    /// <summary>The tasks in flight (a live view; do not keep it across callbacks).</summary>
    IReadOnlyCollection<TaskInfo> InFlight { get; }

    /// <summary>
    /// Starts a task on an idle, available client from the current model (its base version is <see cref="Version"/>).
    /// </summary>
    /// <param name="request">What to do.</param>
    /// <returns>The task's handle.</returns>
    /// <exception cref="InvalidOperationException">The client is busy, unavailable or unknown.</exception>
    TaskHandle Dispatch(in TaskRequest request);

    /// <summary>Cancels an in-flight task (its partial work is lost); <see cref="IScheduler.OnTaskEnded"/> follows with
    /// <see cref="TaskEndReason.Cancelled"/>. Returns false if the task already ended.</summary>
    /// <param name="task">The task.</param>
    bool Cancel(TaskHandle task);

    /// <summary>Hands an arrived result to the aggregator.</summary>
    /// <param name="result">The result being judged.</param>
    /// <param name="options">Extra weight and learning rate for this update.</param>
    /// <returns>The aggregator's outcome (it may still reject hostile input).</returns>
    AggregationOutcome Accept(in TaskResult result, in SubmitOptions options);

    /// <summary>Drops an arrived result without aggregating it; counted under <paramref name="reason"/>.</summary>
    /// <param name="result">The result.</param>
    /// <param name="reason">Why (usually <see cref="RejectionReason.TooStale"/> or <see cref="RejectionReason.DiscardedByScheduler"/>).</param>
    void Discard(in TaskResult result, RejectionReason reason);

    /// <summary>Applies the aggregator's buffer now as one server step.</summary>
    /// <param name="options">How to normalise.</param>
    AggregationOutcome Flush(in FlushOptions options);

    /// <summary>Asks for <see cref="IScheduler.OnTimer"/> after <paramref name="delaySeconds"/> seconds.</summary>
    /// <param name="delaySeconds">Delay, ≥ 0.</param>
    /// <param name="tag">Passed back to the callback.</param>
    void SetTimer(double delaySeconds, long tag);

    /// <summary>Ends training after the current callback (in-flight tasks are cancelled).</summary>
    void RequestStop();
}

/// <summary>A request for client work.</summary>
/// <param name="ClientId">The client that does the work.</param>
public readonly record struct TaskRequest(int ClientId)
{
    /// <summary>Local work: stochastic gradients to compute (b_i), local SGD steps or epochs, as the workload interprets it; ≥ 1.</summary>
    public int LocalSteps { get; init; } = 1;

    /// <summary>How many results the task sends (Shadowheart's m_i compressed uploads of the same local result); ≥ 1.</summary>
    public int Uploads { get; init; } = 1;

    /// <summary>The client's learning rate; <see cref="double.NaN"/> means the workload's own.</summary>
    public double ClientLearningRate { get; init; } = double.NaN;

    /// <summary>
    /// A learning-rate schedule the client follows, evaluated per local step or epoch (<see cref="LearningRateContext.Step"/>
    /// = its index) by the workload; it overrides <see cref="ClientLearningRate"/>. The seed paper's delay-aware rate
    /// (<see cref="DelayAwareLearningRate"/>) is one. Null for none.
    /// </summary>
    public ILearningRateSchedule? ClientLearningRateSchedule { get; init; }

    /// <summary>Seconds after the start after which the engine cancels the task as <see cref="TaskEndReason.TimedOut"/>
    /// (MindFlayer's clip, a patience); +∞ for none.</summary>
    public double TimeLimitSeconds { get; init; } = double.PositiveInfinity;

    /// <summary>A scheduler-defined tag (round number, attempt number), returned with results.</summary>
    public long Tag { get; init; }

    /// <summary>An unbiased compressor applied independently to each upload (Shadowheart's RandK); null for none.</summary>
    public IUpdateCompressor? Compressor { get; init; }
}

/// <summary>Identifies a dispatched task. Two handles are equal when their ids are.</summary>
/// <param name="Id">Engine-assigned id, unique within a run.</param>
public readonly record struct TaskHandle(long Id)
{
    /// <summary>Where the engine keeps the task: a handle from <see cref="ISchedulerContext.Dispatch"/> finds its task in
    /// O(1); one built from an id alone is looked up by id.</summary>
    internal Engine.TaskKey Key { get; init; }

    /// <inheritdoc />
    public bool Equals(TaskHandle other) => Id == other.Id;

    /// <inheritdoc />
    public override int GetHashCode() => Id.GetHashCode();
}

/// <summary>A task in flight (or just ended).</summary>
/// <param name="Handle">The task.</param>
/// <param name="Request">What was asked.</param>
/// <param name="BaseVersion">The model version it started from.</param>
/// <param name="StartTime">When it started (seconds on the engine's clock).</param>
public sealed record TaskInfo(TaskHandle Handle, TaskRequest Request, ModelVersion BaseVersion, double StartTime)
{
    /// <summary>The client doing the task.</summary>
    public int ClientId => Request.ClientId;
}

/// <summary>A result that arrived.</summary>
/// <param name="Task">The task it answers.</param>
/// <param name="UploadIndex">Which upload of the task (0-based).</param>
/// <param name="Update">The update (owned by the engine; valid only during the callback).</param>
/// <param name="Staleness">Server version at arrival minus the task's base version.</param>
/// <param name="ArrivalTime">When it arrived (seconds on the engine's clock).</param>
public readonly record struct TaskResult(TaskInfo Task, int UploadIndex, ClientUpdate Update, long Staleness, double ArrivalTime);

/// <summary>How a task ended.</summary>
public enum TaskEndReason
{
    /// <summary>All its results arrived.</summary>
    Completed = 0,

    /// <summary>The scheduler cancelled it.</summary>
    Cancelled = 1,

    /// <summary>It ran past its <see cref="TaskRequest.TimeLimitSeconds"/>.</summary>
    TimedOut = 2,

    /// <summary>The client failed or went offline mid-task.</summary>
    Dropped = 3,

    /// <summary>Training stopped while it was in flight.</summary>
    Abandoned = 4,
}

/// <summary>A task's end.</summary>
/// <param name="Task">The task.</param>
/// <param name="Reason">How it ended.</param>
/// <param name="EndTime">When (seconds on the engine's clock).</param>
/// <param name="ResultsDelivered">How many of its results arrived before the end.</param>
public readonly record struct TaskEnded(TaskInfo Task, TaskEndReason Reason, double EndTime, int ResultsDelivered);

/// <summary>
/// The client side of a task: from the base model, do the requested local work and write the update.
/// Called concurrently for different clients (the simulator trains clients in parallel, the real clock runs
/// them as tasks): implementations must be safe for concurrent calls with distinct updates and random sources.
/// </summary>
public interface IClientWorkload
{
    /// <summary>Number of model parameters.</summary>
    int Dimension { get; }

    /// <summary>The kind of payload this workload produces.</summary>
    UpdatePayloadKind PayloadKind { get; }

    /// <summary>Does the work and writes <paramref name="update"/>'s payload and metadata (sample count, loss, local steps).</summary>
    /// <param name="work">The client, the amount of local work and the learning rate.</param>
    /// <param name="baseModel">The model at the task's base version (read-only).</param>
    /// <param name="update">Receives the result; its payload has length <see cref="Dimension"/>.</param>
    /// <param name="random">The client's seeded random stream for this task.</param>
    void Execute(in ClientWork work, Backends.ParameterVector baseModel, ClientUpdate update, RandomSource random);
}

/// <summary>The work a client is asked to do.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="LocalSteps">Gradients, steps or epochs.</param>
/// <param name="LearningRate">The client learning rate, or NaN for the workload's default.</param>
/// <param name="TaskId">The engine's task id.</param>
public readonly record struct ClientWork(int ClientId, int LocalSteps, double LearningRate, long TaskId)
{
    /// <summary>The task's learning-rate schedule (<see cref="TaskRequest.ClientLearningRateSchedule"/>), or null.</summary>
    public ILearningRateSchedule? LearningRateSchedule { get; init; }

    /// <summary>The model version the work starts from.</summary>
    public ModelVersion BaseVersion { get; init; }

    /// <summary>
    /// The learning rate of local step (or epoch) <paramref name="step"/>: the schedule's when there is one, else
    /// <see cref="LearningRate"/>, else <paramref name="workloadDefault"/>.
    /// </summary>
    /// <param name="step">The local step or epoch index k (0-based).</param>
    /// <param name="workloadDefault">The workload's own rate.</param>
    /// <param name="delaySeconds">A delay for wall-clock-delay schedules (the seed paper's configured delay D); 0 when unknown.</param>
    /// <returns>The rate, finite and ≥ 0.</returns>
    public double RateAt(long step, double workloadDefault, double delaySeconds = 0)
    {
        if (LearningRateSchedule is { } schedule)
        {
            double rate = schedule.GetRate(new LearningRateContext { Step = step, DelaySeconds = delaySeconds });
            if (!double.IsFinite(rate) || rate < 0)
            {
                throw new InvalidOperationException($"The learning-rate schedule {schedule.Name} returned {rate} for step {step}: a rate must be finite and ≥ 0.");
            }

            return rate;
        }

        return double.IsNaN(LearningRate) ? workloadDefault : LearningRate;
    }
}

/// <summary>
/// An unbiased compressor <c>C</c> with <c>E[C(x)] = x</c> and <c>E‖C(x) − x‖² ≤ ω‖x‖²</c> (e.g. RandK, ω = d/K − 1).
/// </summary>
public interface IUpdateCompressor
{
    /// <summary>A short description.</summary>
    string Name { get; }

    /// <summary>The variance parameter ω for vectors of dimension <paramref name="dimension"/>.</summary>
    /// <param name="dimension">d.</param>
    double Omega(int dimension);

    /// <summary>Number of float values actually sent for a vector of dimension d (drives communication time).</summary>
    /// <param name="dimension">d.</param>
    int TransmittedElements(int dimension);

    /// <summary>Writes <c>C(source)</c> into <paramref name="destination"/> (dense, same length). The two spans must
    /// not overlap: implementations may clear the destination before reading the source.</summary>
    /// <param name="source">x.</param>
    /// <param name="destination">C(x).</param>
    /// <param name="random">Seeded randomness for this compression.</param>
    void Compress(ReadOnlySpan<float> source, Span<float> destination, RandomSource random);
}
