using AsyncFl.Sampling;
namespace AsyncFl.Schedulers;

/// <summary>
/// Options of the synchronous family: a cohort of clients works from the same model, the round ends when every one
/// of them is done (or the deadline passes), and the buffered results become one server step. FedAvg rounds and
/// minibatch SGD (one round per cohort), and cohort squeeze (<see cref="CohortSqueeze"/>: K rounds per cohort) are
/// all this one scheduler; <c>AddSynchronousRounds</c> uses it.
/// </summary>
public sealed class SynchronousRoundsOptions : SchedulerOptions
{
    /// <summary>Clients per cohort, m (fewer when fewer are idle and available); null for every client.</summary>
    /// <value>The default value is <see langword="null"/> (every client).</value>
    public int? ClientsPerRound { get; set; }

    /// <summary>
    /// Draws each cohort in one call (<see cref="IClientSampler.Sample"/>); each result is then weighted by its
    /// Horvitz–Thompson factor <c>uᵢ·m</c> (1 for uniform sampling). Null draws the cohort uniformly, one idle
    /// client after another (<see cref="ISchedulerContext.TryPickIdleClient"/>), every result with weight 1.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IClientSampler? Sampler { get; set; }

    /// <summary>Rounds run with each cohort, K ≥ 1 (cohort squeeze's "squeeze factor"; 1 is FedAvg with partial participation).</summary>
    /// <value>The default value is 1.</value>
    public int RoundsPerCohort { get; set; } = 1;

    /// <summary>What the round's flush divides the buffered sum by.</summary>
    /// <value>The default value is <see cref="RoundNormalization.Aggregator"/>.</value>
    public RoundNormalization Normalization { get; set; } = RoundNormalization.Aggregator;

    /// <summary>
    /// Seconds after a round starts at which its unfinished tasks are cancelled and the round is aggregated with what
    /// arrived; +∞ waits for every client (dropped clients are simply missing).
    /// </summary>
    /// <value>The default value is <see cref="double.PositiveInfinity"/>.</value>
    public double RoundDeadlineSeconds { get; set; } = double.PositiveInfinity;

    /// <summary>Each task's own time limit (<see cref="TaskRequest.TimeLimitSeconds"/>: it ends as timed out); +∞ for none.</summary>
    /// <value>The default value is <see cref="double.PositiveInfinity"/>.</value>
    public double TimeLimitSeconds { get; set; } = double.PositiveInfinity;

    /// <summary>The name a preset gives the scheduler, or null for a description of the options.</summary>
    internal string? Label { get; set; }

    /// <inheritdoc />
    public override IScheduler CreateScheduler() => new SynchronousRoundsScheduler(this);

    private protected override void AddErrors(OptionErrors errors)
    {
        base.AddErrors(errors);
        errors.Require(ClientsPerRound is null or >= 1, $"{nameof(ClientsPerRound)} must be ≥ 1, or null for every client (got {ClientsPerRound}).");
        errors.AtLeastOne(RoundsPerCohort, nameof(RoundsPerCohort));
        errors.Defined(Normalization, nameof(Normalization));
        errors.Require(!double.IsNaN(RoundDeadlineSeconds) && RoundDeadlineSeconds > 0, $"{nameof(RoundDeadlineSeconds)} must be > 0 (+∞ for none) (got {OptionErrors.Format(RoundDeadlineSeconds)}).");
        errors.Require(!double.IsNaN(TimeLimitSeconds) && TimeLimitSeconds > 0, $"{nameof(TimeLimitSeconds)} must be > 0 (+∞ for none) (got {OptionErrors.Format(TimeLimitSeconds)}).");
    }
}
