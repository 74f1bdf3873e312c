
using AsyncFl.Sampling;
using Xunit;

namespace AsyncFl.Schedulers.Tests;
/// <summary>
/// Every scheduler takes the two learning-rate hooks of <see cref="SchedulerOptions"/>: the server schedule sets the
/// step of each accepted result (asked with the model version, the staleness, the workers kept busy and the task's
/// duration), and the client schedule travels with every task.
/// </summary>
public class LearningRateHookTests
{
    public static TheoryData<string> Schedulers() => ["asynchronous", "asgd", "ringmaster", "synchronous", "cohort", "rennala", "shadowheart", "mindflayer", "ata"];

    private static SchedulerOptions Options(string name, ILearningRateSchedule server, ILearningRateSchedule client)
    {
        SchedulerOptions o = name switch
        {
            "asynchronous" => new AsynchronousSchedulerOptions { Concurrency = 3 },
            "asgd" => Asgd.Options(),
            "ringmaster" => Ringmaster.Options(4, RingmasterVariant.DiscardOnArrival),
            "synchronous" => new SynchronousRoundsOptions(),
            "cohort" => CohortSqueeze.Options(2, 2),
            "rennala" => new RennalaOptions { BatchSize = 2 },
            "shadowheart" => new ShadowheartOptions { ComputeTimes = [1, 2, 3, 4], UploadTimes = [0, 0, 0, 0] },
            "mindflayer" => new MindFlayerOptions { Budgets = [1, 1, 1, 1], TimeLimits = [10, 10, 10, 10], SuccessProbabilities = [1, 1, 1, 1] },
            "ata" => new AtaOptions { TasksPerRound = 3 },
            _ => throw new ArgumentException(name),
        };
        o.ServerLearningRate = server;
        o.ClientLearningRateSchedule = client;
        return o;
    }

    [Theory]
    [MemberData(nameof(Schedulers))]
    public void TheServerScheduleSetsEveryAcceptedStep_AndTheClientScheduleTravelsWithEveryTask(string name)
    {
        var server = new RecordingSchedule(0.25);
        var client = new ConstantLearningRate(0.125);
        var s = Options(name, server, client).CreateScheduler();
        var e = new FakeEngine(s, 4, (c, t) => 1 + c + (0.1 * (t % 3)), bufferSize: int.MaxValue);
        e.Start();
        e.Run(until: 40);

        Assert.NotEmpty(e.AcceptedLog);
        Assert.All(e.AcceptedLog, a => Assert.Equal(0.25, a.LearningRate));
        Assert.Equal(e.AcceptedLog.Count, server.Contexts.Count);
        for (int i = 0; i < e.AcceptedLog.Count; i++)
        {
            Assert.Equal(e.AcceptedLog[i].Staleness, server.Contexts[i].Staleness);
            Assert.Equal(e.AcceptedLog[i].Time - e.AcceptedLog[i].Task.StartTime, server.Contexts[i].DelaySeconds, 12);
            Assert.True(server.Contexts[i].Concurrency > 0);
        }

        Assert.All(e.DispatchLog, t => Assert.Same(client, t.Request.ClientLearningRateSchedule));
    }

    [Fact]
    public void DelayAdaptiveAsgdIsTheDelayAdaptiveScheduleOnTheWorkersKeptBusy()
    {
        var s = Asgd.DelayAdaptive(0.5).CreateScheduler();
        var e = new FakeEngine(s, 4, (c, _) => c == 3 ? 20 : 1);
        e.Start();
        e.Run(until: 100);
        var rule = new DelayAdaptiveLearningRate(0.5);
        Assert.All(e.AcceptedLog, a => Assert.Equal(rule.GetRate(new LearningRateContext { Staleness = a.Staleness, Concurrency = 4 }), a.LearningRate));

        // An explicit M replaces the number of workers.
        var fixedM = Asgd.DelayAdaptive(0.5, concurrency: 2).CreateScheduler();
        var e2 = new FakeEngine(fixedM, 4, (c, _) => c == 3 ? 20 : 1);
        e2.Start();
        e2.Run(until: 100);
        Assert.Contains(e2.AcceptedLog, a => a.Staleness > 2 && Math.Abs(a.LearningRate - (0.5 * 2 / a.Staleness)) < 1e-15);
    }

    [Fact]
    public void AsynchronousOptionsReportEveryProblemAtOnce()
    {
        var ex = Assert.Throws<ArgumentException>(() => new AsynchronousSchedulerOptions
        {
            Concurrency = 0,
            LocalSteps = 0,
            ClientLearningRate = double.PositiveInfinity,
            TimeLimitSeconds = double.NaN,
            MaxStaleness = -1,
            ParticipationWeighting = (AsynchronousParticipationWeighting)7,
        }.Validate());
        foreach (string option in new[] { "Concurrency", "LocalSteps", "ClientLearningRate", "TimeLimitSeconds", "MaxStaleness", "ParticipationWeighting" })
        {
            Assert.Contains(option, ex.Message, StringComparison.Ordinal);
        }

        var sampler = Assert.Throws<ArgumentException>(() => new AsynchronousSchedulerOptions { Concurrency = null, Sampler = new UniformWithReplacementSampler() }.CreateScheduler());
        Assert.Contains("Sampler", sampler.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SynchronousOptionsReportEveryProblemAtOnce()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SynchronousRoundsOptions
        {
            ClientsPerRound = 0,
            RoundDeadlineSeconds = double.NaN,
            RoundsPerCohort = 0,
            TimeLimitSeconds = -1,
            Normalization = (RoundNormalization)9,
        }.Validate());
        foreach (string option in new[] { "ClientsPerRound", "RoundDeadlineSeconds", "RoundsPerCohort", "TimeLimitSeconds", "Normalization" })
        {
            Assert.Contains(option, ex.Message, StringComparison.Ordinal);
        }
    }

    private sealed class RecordingSchedule(double rate) : ILearningRateSchedule
    {
        public List<LearningRateContext> Contexts { get; } = [];

        public string Name => "recording";

        public double GetRate(in LearningRateContext context)
        {
            Contexts.Add(context);
            return rate;
        }
    }
}
