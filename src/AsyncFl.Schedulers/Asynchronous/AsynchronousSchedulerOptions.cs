using System.Globalization;
using AsyncFl.Sampling;

namespace AsyncFl.Schedulers;

/// <summary>
/// Options of the asynchronous family: keep tasks in flight, judge every result the moment it arrives. FedAsync's and
/// FedBuff's scheduler (<see cref="Concurrency"/> clients busy, each free slot refilled at once), asynchronous SGD
/// (every worker busy, <see cref="Asgd"/>), its delay-adaptive step and naive optimal variant, and Ringmaster ASGD
/// (a delay threshold, <see cref="Ringmaster"/>) are all this one scheduler; <c>AddAsynchronous</c> uses it.
/// </summary>
public sealed class AsynchronousSchedulerOptions : SchedulerOptions
{
    /// <summary>
    /// Tasks kept in flight (C, capped by the number of active clients): a free slot is refilled at once with a client
    /// drawn uniformly (or by <see cref="Sampler"/>) among the idle, available active clients. Null keeps every
    /// active client busy, each restarted the moment its task ends (asynchronous SGD; no draw).
    /// </summary>
    /// <value>The default value is 10.</value>
    public int? Concurrency { get; set; } = 10;

    /// <summary>The clients that take part; null for all (naive optimal ASGD uses the m* fastest).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyList<int>? ActiveClients { get; set; }

    /// <summary>Chooses the client for a free slot (its single-slot draw, <see cref="IClientSampler.SampleOne"/>);
    /// null draws uniformly. Not used when <see cref="Concurrency"/> is null.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IClientSampler? Sampler { get; set; }

    /// <summary>Results with a larger staleness are discarded as <see cref="RejectionReason.TooStale"/> (Ringmaster's
    /// threshold R is <c>MaxStaleness = R − 1</c>); null for no bound.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public long? MaxStaleness { get; set; }

    /// <summary>
    /// After each accepted update, cancel every task whose staleness now exceeds <see cref="MaxStaleness"/>, so its
    /// client restarts at the current model instead of finishing a result that would be discarded (Ringmaster's
    /// variant B). Needs <see cref="MaxStaleness"/>.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool CancelStaleTasks { get; set; }

    /// <summary>Per-task time limit in seconds (<see cref="TaskRequest.TimeLimitSeconds"/>); +∞ for none.</summary>
    /// <value>The default value is <see cref="double.PositiveInfinity"/>.</value>
    public double TimeLimitSeconds { get; set; } = double.PositiveInfinity;

    /// <summary>How each accepted result is weighted (<see cref="SubmitOptions.Weight"/>).</summary>
    /// <value>The default value is <see cref="AsynchronousParticipationWeighting.None"/>.</value>
    public AsynchronousParticipationWeighting ParticipationWeighting { get; set; } = AsynchronousParticipationWeighting.None;

    /// <summary>The name a preset gives the scheduler (<c>ASGD</c>, <c>RingmasterB(R=6)</c>), or null for a description of the options.</summary>
    internal string? Label { get; set; }

    internal string Describe() => Label ?? string.Create(
        CultureInfo.InvariantCulture,
        $"Asynchronous(C={(Concurrency is { } c ? c.ToString(CultureInfo.InvariantCulture) : "all")}, steps={LocalSteps}{(MaxStaleness is { } s ? $", maxStaleness={s}" : string.Empty)}{(CancelStaleTasks ? ", cancelStale" : string.Empty)}{(ParticipationWeighting == AsynchronousParticipationWeighting.InterArrival ? ", weighting=inter-arrival" : string.Empty)})");

    /// <inheritdoc />
    public override IScheduler CreateScheduler() => new AsynchronousScheduler(this);

    private protected override void AddErrors(OptionErrors errors)
    {
        base.AddErrors(errors);
        errors.Require(Concurrency is null or >= 1, $"{nameof(Concurrency)} must be ≥ 1, or null for every active client (got {Concurrency}).");
        errors.Clients(ActiveClients, nameof(ActiveClients));
        errors.Require(MaxStaleness is null or >= 0, $"{nameof(MaxStaleness)} must be ≥ 0 or null (got {MaxStaleness}).");
        errors.Require(!CancelStaleTasks || MaxStaleness is not null, $"{nameof(CancelStaleTasks)} needs {nameof(MaxStaleness)} (the staleness past which a task is cancelled).");
        errors.Require(!double.IsNaN(TimeLimitSeconds) && TimeLimitSeconds > 0, $"{nameof(TimeLimitSeconds)} must be > 0 (+∞ for none) (got {OptionErrors.Format(TimeLimitSeconds)}).");
        errors.Defined(ParticipationWeighting, nameof(ParticipationWeighting));
        errors.Require(Sampler is null || Concurrency is not null, $"A {nameof(Sampler)} chooses clients for free slots; with {nameof(Concurrency)} = null every active client is busy and none is drawn.");
    }
}
