namespace AsyncFl.Schedulers;

/// <summary>
/// What every scheduler of this package is asked: the local work of a task and the two learning-rate hooks — a
/// client schedule sent with every task, and a server schedule that sets the step of every accepted update.
/// </summary>
/// <remarks>
/// The server schedule is asked, for each result the scheduler accepts, with <see cref="LearningRateContext.Step"/> =
/// the model version, <see cref="LearningRateContext.Staleness"/> = the result's staleness, <see cref="LearningRateContext.Concurrency"/>
/// = the number of workers the scheduler keeps busy and <see cref="LearningRateContext.DelaySeconds"/> = the task's
/// duration; its rate goes to the aggregator as <see cref="SubmitOptions.LearningRate"/> (delay-adaptive ASGD is
/// <see cref="DelayAdaptiveLearningRate"/> here). The client schedule travels as
/// <see cref="TaskRequest.ClientLearningRateSchedule"/> and the workload asks it per local step or epoch (the seed
/// paper's <see cref="DelayAwareLearningRate"/> on the Torch trainer).
/// </remarks>
public abstract class SchedulerOptions
{
    private protected SchedulerOptions()
    {
    }

    /// <summary>Local work per task (<see cref="TaskRequest.LocalSteps"/>: gradients, steps or epochs), ≥ 1.</summary>
    /// <value>The default value is 1.</value>
    public int LocalSteps { get; set; } = 1;

    /// <summary>A constant client learning rate sent with every task; NaN for the workload's own.</summary>
    /// <value>The default value is <see cref="double.NaN"/>.</value>
    public double ClientLearningRate { get; set; } = double.NaN;

    /// <summary>A client learning-rate schedule sent with every task (overrides <see cref="ClientLearningRate"/>); null for none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ILearningRateSchedule? ClientLearningRateSchedule { get; set; }

    /// <summary>The server step of every accepted update; null for the aggregator's own.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public ILearningRateSchedule? ServerLearningRate { get; set; }

    /// <summary>
    /// Creates the scheduler these options describe (validated and copied: later changes to the options do not reach
    /// it). The <c>AddXxx</c> builder extensions call it; call it yourself to wrap or observe a scheduler before
    /// <see cref="FederatedServerBuilder.UseScheduler"/>.
    /// </summary>
    /// <returns>The scheduler (one per server: schedulers keep per-run state).</returns>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public abstract IScheduler CreateScheduler();

    /// <summary>Checks every option; throws one <see cref="ArgumentException"/> listing all problems.</summary>
    public void Validate()
    {
        var errors = new OptionErrors(GetType().Name);
        AddErrors(errors);
        errors.ThrowIfAny();
    }

    /// <summary>Adds a message for every invalid option.</summary>
    private protected virtual void AddErrors(OptionErrors errors)
    {
        errors.AtLeastOne(LocalSteps, nameof(LocalSteps));
        errors.Require(
            double.IsNaN(ClientLearningRate) || (double.IsFinite(ClientLearningRate) && ClientLearningRate >= 0),
            $"{nameof(ClientLearningRate)} must be finite and ≥ 0, or NaN for the workload's own (got {OptionErrors.Format(ClientLearningRate)}).");
    }

    /// <summary>A shallow copy (schedulers keep one, so later changes to the options do not reach them).</summary>
    internal T Copy<T>()
        where T : SchedulerOptions => (T)MemberwiseClone();

    /// <summary>A request for <paramref name="client"/> with this scheduler's local work and client learning rate.</summary>
    internal TaskRequest Request(int client) => new(client)
    {
        LocalSteps = LocalSteps,
        ClientLearningRate = ClientLearningRate,
        ClientLearningRateSchedule = ClientLearningRateSchedule,
    };

    /// <summary>The submit options of an accepted result: <paramref name="weight"/> and the server schedule's step.</summary>
    internal SubmitOptions Submit(ISchedulerContext context, in TaskResult result, int concurrency, double weight = 1.0) => new()
    {
        Weight = weight,
        LearningRate = ServerLearningRate is { } schedule
            ? schedule.GetRate(new LearningRateContext
            {
                Step = context.Version.Value,
                Staleness = result.Staleness,
                Concurrency = concurrency,
                DelaySeconds = result.ArrivalTime - result.Task.StartTime,
            })
            : double.NaN,
    };
}
