using AsyncFl.Testing;
using Xunit;

namespace AsyncFl.Schedulers.Tests;

/// <summary>Every built-in scheduler passes AsyncFl.Testing's conformance suite: generated fleets (noise, dropout,
/// availability), replay, seeds and manual-clock interleavings, run with asynchronous SGD as the partner.</summary>
public sealed class BuiltInSchedulerConformanceTests
{
    private static readonly Dictionary<string, Func<Scenario, IScheduler>> Schedulers = new()
    {
        ["Asynchronous"] = s => new AsynchronousSchedulerOptions { Concurrency = Math.Min(3, s.Fleet.Clients) }.CreateScheduler(),
        ["AsynchronousTimeLimit"] = s => new AsynchronousSchedulerOptions { Concurrency = s.Fleet.Clients, TimeLimitSeconds = 20, MaxStaleness = 4, CancelStaleTasks = true }.CreateScheduler(),
        ["AsgdDelayAdaptive"] = s => Asgd.DelayAdaptive(0.1).CreateScheduler(),
        ["Ringmaster"] = s => Ringmaster.Options(2).CreateScheduler(),
        ["RingmasterDiscardOnArrival"] = s => Ringmaster.Options(2, RingmasterVariant.DiscardOnArrival).CreateScheduler(),
        ["Rennala"] = s => new RennalaOptions { BatchSize = 2 }.CreateScheduler(),
        ["Shadowheart"] = s => new ShadowheartOptions { ComputeTimes = s.Fleet.SecondsPerStep, UploadTimes = s.Fleet.SecondsPerStep.Select(_ => s.Fleet.LatencySeconds).ToArray() }.CreateScheduler(),
        ["MindFlayer"] = s => new MindFlayerOptions
        {
            Budgets = s.Fleet.SecondsPerStep.Select(_ => 1).ToArray(),
            TimeLimits = s.Fleet.SecondsPerStep.Select(t => 2 * t + 1).ToArray(),
            SuccessProbabilities = s.Fleet.SecondsPerStep.Select(_ => 0.9).ToArray(),
        }.CreateScheduler(),
        ["Ata"] = s => new AtaOptions { TasksPerRound = 2 }.CreateScheduler(),
        ["SynchronousRounds"] = s => new SynchronousRoundsOptions { ClientsPerRound = Math.Min(2, s.Fleet.Clients) }.CreateScheduler(),
        ["CohortSqueeze"] = s => CohortSqueeze.Options(Math.Min(2, s.Fleet.Clients), localRounds: 2).CreateScheduler(),
        ["MinibatchSgd"] = s => CohortSqueeze.MinibatchSgd().CreateScheduler(),
    };

    public static TheoryData<string> Names => new(Schedulers.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void PassesTheConformanceSuite(string name) =>
        ConformanceSuite.CheckFleetAwareScheduler(name, Schedulers[name], new SchedulerConformanceOptions { MaxTest = 15 }).ThrowIfFailed();
}
