using AsyncFl.Aggregators;
using AsyncFl.Schedulers;

namespace AsyncFl.Testing;

/// <summary>
/// A whole generated run: a <see cref="Scenario"/> (fleet, problem size, seed, event budget) and built-in strategies
/// (an aggregator, a scheduler, a concurrency, a staleness function). The event budget bounds its cost, so a property
/// over run configurations runs in milliseconds per case (<see cref="Arbitraries.Runs"/>).
/// </summary>
/// <param name="Scenario">Fleet, size, seed and budget.</param>
/// <param name="Aggregator">Which aggregator.</param>
/// <param name="Scheduler">Which scheduler.</param>
/// <param name="Concurrency">Tasks in flight, cohort size or delay threshold, ≥ 1.</param>
/// <param name="Staleness">The aggregator's staleness function (SGD ignores it).</param>
public sealed record RunConfiguration(Scenario Scenario, AggregatorChoice Aggregator, SchedulerChoice Scheduler, int Concurrency, StalenessSpec Staleness)
{
    /// <summary>The payload kind the chosen aggregator takes.</summary>
    public UpdatePayloadKind PayloadKind => Aggregator switch
    {
        AggregatorChoice.Sgd => UpdatePayloadKind.Gradient,
        AggregatorChoice.FedAsync => UpdatePayloadKind.Weights,
        _ => UpdatePayloadKind.ModelDelta,
    };

    /// <summary>Creates the chosen aggregator for a model.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The aggregator.</returns>
    public IAggregator CreateAggregator(GlobalModel model) => Aggregator switch
    {
        AggregatorChoice.Sgd => new SgdAggregatorOptions { LearningRate = 0.1 }.CreateAggregator(model),
        AggregatorChoice.FedAsync => new FedAsyncOptions { Alpha = 0.6, Staleness = Staleness.Create() }.CreateAggregator(model),
        AggregatorChoice.FedBuff => new FedBuffOptions { BufferSize = Math.Min(3, Concurrency), Staleness = Staleness.Create() }.CreateAggregator(model),
        _ => new Ca2FlOptions { BufferSize = Math.Min(3, Concurrency), ClientCount = Scenario.Fleet.Clients }.CreateAggregator(model),
    };

    /// <summary>Creates the chosen scheduler.</summary>
    /// <returns>A fresh scheduler.</returns>
    public IScheduler CreateScheduler() => Scheduler switch
    {
        SchedulerChoice.SynchronousRounds => new SynchronousRoundsOptions { ClientsPerRound = Math.Min(Concurrency, Scenario.Fleet.Clients) }.CreateScheduler(),
        SchedulerChoice.Ringmaster => Ringmaster.Options(Concurrency).CreateScheduler(),
        _ => new AsynchronousSchedulerOptions { Concurrency = Concurrency }.CreateScheduler(),
    };

    /// <summary>Runs the configuration on the virtual clock.</summary>
    /// <returns>The finished run (dispose it).</returns>
    public ScenarioRun Run() => ScenarioRun.Start(Scenario, CreateScheduler(), CreateAggregator, PayloadKind);

    /// <inheritdoc />
    public override string ToString() => $"{Aggregator} + {Scheduler}({Concurrency}), {Staleness}; {Scenario}";
}
