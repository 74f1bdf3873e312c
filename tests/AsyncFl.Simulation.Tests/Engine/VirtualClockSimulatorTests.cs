using AsyncFl.Aggregators;
using AsyncFl.Engine;
using AsyncFl.Schedulers;
using AsyncFl.Testing;
using FsCheck.Xunit;
using Xunit;

namespace AsyncFl.Simulation.Tests.Engine;

public sealed class VirtualClockSimulatorTests
{
    private const int D = 10;

    private static (RunResult Result, FederatedServer Server, QuadraticWorkload W) RunAsync(
        double spread, int n, double target, long seed = 1, double failure = 0, double noise = 0, double timeNoise = 0, double lr = 0.01)
    {
        var w = new QuadraticWorkload(D, noise);
        var server = Setup.Server(new AsynchronousSchedulerOptions { Concurrency = n }.CreateScheduler(), w, seed, lr);
        var fleet = new TestFleet(Setup.Speeds(n, spread)) { FailureProbability = failure, NoiseFraction = timeNoise };
        var sim = new VirtualClockSimulator(server, fleet, new SimulationOptions
        {
            StopWhen = s => w.Loss(s) <= target,
            MaxEvents = 2_000_000,
        });
        return (sim.Run(), server, w);
    }

    private static (RunResult Result, FederatedServer Server, QuadraticWorkload W) RunSync(double spread, int n, double target, long seed = 1, double lr = 0.01)
    {
        var w = new QuadraticWorkload(D);

        // FedAvg/minibatch round: the n gradients of a round are summed (normaliser 1): the same learning rate per
        // gradient as the asynchronous run, so only the schedule differs.
        var server = Setup.Server(
            new SynchronousRoundsOptions { ClientsPerRound = n }.CreateScheduler(),
            w, seed, lr, buffer: int.MaxValue / 2, norm: SgdNormalization.None);
        var sim = new VirtualClockSimulator(server, new TestFleet(Setup.Speeds(n, spread)), new SimulationOptions
        {
            StopWhen = s => w.Loss(s) <= target,
            MaxEvents = 2_000_000,
        });
        return (sim.Run(), server, w);
    }

    [Fact]
    public void AsynchronousBeatsSynchronousRoundsWithTenfoldSpeedSpread()
    {
        // f(x0) = ½ Σ a_j = 3.75; target 1e-3 of it. 10 clients, seconds per gradient from 1 to 10.
        double target = 3.75e-3;
        var a = RunAsync(spread: 10, n: 10, target);
        var s = RunSync(spread: 10, n: 10, target);
        Assert.Equal(StopReason.Predicate, a.Result.Reason);
        Assert.Equal(StopReason.Predicate, s.Result.Reason);

        // A synchronous round lasts τ_max = 10 s and yields 10 gradients; asynchronous clients deliver Σ 1/τ_i ≈ 2.9
        // gradients per second (29 per 10 s). Expect a speed-up near 2.9; require at least 2.
        double ratio = s.Result.ElapsedSeconds / a.Result.ElapsedSeconds;
        Assert.InRange(ratio, 2.0, 4.0);
        Assert.Equal(10.0, s.Result.Statistics.MeanRoundTime, 9);
    }

    [Fact]
    public void AdvantageDisappearsWithEqualSpeeds()
    {
        double target = 3.75e-3;
        var a = RunAsync(spread: 1, n: 10, target);
        var s = RunSync(spread: 1, n: 10, target);
        Assert.Equal(StopReason.Predicate, a.Result.Reason);
        Assert.Equal(StopReason.Predicate, s.Result.Reason);

        // Equal speeds: both deliver 10 gradients per second at the same learning rate; the ratio is 1 within ±10%.
        double ratio = s.Result.ElapsedSeconds / a.Result.ElapsedSeconds;
        Assert.InRange(ratio, 0.9, 1.1);
    }

    [Fact]
    public void DropoutsAreCountedAndTrainingStillConverges()
    {
        var (result, server, w) = RunAsync(spread: 10, n: 20, target: 3.75e-4, failure: 0.3);
        Assert.Equal(StopReason.Predicate, result.Reason);
        var st = result.Statistics;
        long n = st.TasksCompleted + st.TasksDropped + st.TasksTimedOut;
        Assert.True(n > 500, $"only {n} tasks ended");
        double sigma = Math.Sqrt(0.3 * 0.7 / n);
        Assert.InRange(st.DropoutRate, 0.3 - (4 * sigma), 0.3 + (4 * sigma));
        Assert.True(w.Loss(server) <= 3.75e-4);
        Assert.True(server.GetAccounting().IsBalanced);
    }

    [Fact]
    public void SameSeedGivesBitIdenticalModelAndStatistics()
    {
        var one = RunAsync(spread: 10, n: 8, target: 1e-2, seed: 42, failure: 0.1, noise: 0.5, timeNoise: 0.5);
        var two = RunAsync(spread: 10, n: 8, target: 1e-2, seed: 42, failure: 0.1, noise: 0.5, timeNoise: 0.5);
        Assert.Equal(one.Server.Model.Parameters.ToArray(), two.Server.Model.Parameters.ToArray());
        Assert.Equal(one.Result.Statistics.Format(), two.Result.Statistics.Format());
        Assert.Equal(one.Result.ElapsedSeconds, two.Result.ElapsedSeconds);
        Assert.Equal(one.Result.Events, two.Result.Events);
    }

    [Fact]
    public void DifferentSeedGivesDifferentTrace()
    {
        var one = RunAsync(spread: 10, n: 8, target: 1e-2, seed: 42, failure: 0.1, noise: 0.5, timeNoise: 0.5);
        var two = RunAsync(spread: 10, n: 8, target: 1e-2, seed: 43, failure: 0.1, noise: 0.5, timeNoise: 0.5);
        Assert.NotEqual(one.Result.ElapsedSeconds, two.Result.ElapsedSeconds);
        Assert.NotEqual(one.Server.Model.Parameters.ToArray(), two.Server.Model.Parameters.ToArray());
    }

    [Property(MaxTest = 25)]
    public bool EngineInvariantsHold(int seedRaw, byte nRaw, byte cRaw, bool failures, bool limits)
    {
        int n = 2 + (nRaw % 12);
        int c = 1 + (cRaw % n);
        var w = new QuadraticWorkload(4, noise: 0.3);
        var rec = new RecordingScheduler(new AsynchronousSchedulerOptions
        {
            Concurrency = c,
            TimeLimitSeconds = limits ? 6 : double.PositiveInfinity,
            MaxStaleness = limits ? 5 : null,
        }.CreateScheduler());
        using var server = Setup.Server(rec, w, seedRaw, 0.01);
        var fleet = new TestFleet(Setup.Speeds(n, 10)) { FailureProbability = failures ? 0.2 : 0, NoiseFraction = 0.5, UploadLatency = 0.1 };
        var times = new List<double>();
        var sim = new VirtualClockSimulator(server, fleet, new SimulationOptions
        {
            MaxEvents = 400,
            Trace = p => times.Add(p.Time),
            TraceEverySteps = 1,
        });
        var result = sim.Run();
        var acc = server.GetAccounting();

        bool versionsMonotone = rec.Versions.Zip(rec.Versions.Skip(1)).All(p => p.First <= p.Second);
        bool clockMonotone = rec.Times.Zip(rec.Times.Skip(1)).All(p => p.First <= p.Second) && times.Zip(times.Skip(1)).All(p => p.First <= p.Second);
        bool stalenessOk = rec.AcceptedStaleness.All(s => s >= 0) && (!limits || rec.AcceptedStaleness.All(s => s <= 5));

        // Every dispatched task ended exactly once: notified at most once while running, and at the stop the rest
        // were abandoned; the counters balance with nothing left in flight.
        bool endsOnce = rec.EndsPerTask.Values.All(v => v == 1) && rec.EndsPerTask.Keys.All(rec.Dispatched.Contains);
        bool balanced = acc.IsBalanced && acc.InFlight == 0 && acc.Dispatched == rec.Dispatched.Count
            && acc.Ended - acc.Abandoned == rec.EndsPerTask.Count;
        bool resultsOnce = rec.Results.Distinct().Count() == rec.Results.Count && acc.ResultsDelivered == rec.Results.Count;
        return versionsMonotone && clockMonotone && stalenessOk && endsOnce && balanced && resultsOnce && result.Events <= 400;
    }

    [Fact]
    public void RingmasterVariantBCancelsStaleWorkersAndNeverAppliesDelayAtOrAboveR()
    {
        const int r = 4;
        var w = new QuadraticWorkload(D);
        var ring = new RingmasterBScheduler(r);
        var rec = new RecordingScheduler(ring);
        using var server = Setup.Server(rec, w, 7, 0.01);
        var sim = new VirtualClockSimulator(server, new TestFleet(Setup.Speeds(10, 30)), new SimulationOptions { MaxServerSteps = 500 });
        var result = sim.Run();
        Assert.Equal(StopReason.MaxServerSteps, result.Reason);
        Assert.True(ring.Cancelled > 0);
        Assert.Equal(ring.Cancelled, result.Statistics.TasksCancelled);
        Assert.All(rec.AcceptedStaleness, s => Assert.InRange(s, 0, r - 1));
        Assert.Equal(0, result.Statistics.RejectedByReason.GetValueOrDefault(RejectionReason.TooStale));
        Assert.True(server.GetAccounting().IsBalanced);
        Assert.All(rec.EndsPerTask.Values, v => Assert.Equal(1, v));
    }

    [Fact]
    public void AnImportanceSamplerKeepsTheAsynchronousSchedulerBusy_WithoutPreferringLowIds()
    {
        // Eight equal clients (1 s per task), one slot, optimal importance sampling with m = 1 and equal norms: every
        // refill must draw a client (a Poisson draw can be empty: the run stalled after 9 dispatches) and each client
        // must get ⅛ of the 4 000 tasks (σ = √(4000·⅛·⅞) ≈ 21; ±6σ = ±125).
        var w = new QuadraticWorkload(D);
        var options = new AsynchronousSchedulerOptions { Concurrency = 1, Sampler = new Sampling.OptimalImportanceSampler(8, 1) };
        using var server = Setup.Server(options.CreateScheduler(), w, 21, 0.01);
        var result = new VirtualClockSimulator(server, new TestFleet(Enumerable.Repeat(1.0, 8).ToArray()), new SimulationOptions { MaxTime = 4000.5 }).Run();
        Assert.Equal(StopReason.MaxTime, result.Reason);
        Assert.Equal(4000, result.Statistics.TasksCompleted);
        for (int c = 0; c < 8; c++)
        {
            Assert.InRange(result.Statistics.Participation[c], 500 - 125, 500 + 125);
        }
    }

    [Fact]
    public void RunResultStatisticsAreTakenAfterTheStop_AsOnTheRealClock()
    {
        // Two clients need 10 s per task; the run stops at 15 s with both tasks of the second batch in flight.
        var w = new QuadraticWorkload(D);
        using var server = Setup.Server(new AsynchronousSchedulerOptions { Concurrency = 2 }.CreateScheduler(), w, 3, 0.01);
        var result = new VirtualClockSimulator(server, new TestFleet([10, 10]), new SimulationOptions { MaxTime = 15 }).Run();
        Assert.Equal(StopReason.MaxTime, result.Reason);
        Assert.Equal(2, result.Statistics.TasksCompleted);
        Assert.Equal(0, result.Statistics.TasksInFlight);
        Assert.Equal(2, result.Statistics.TasksAbandoned);
        Assert.Equal(result.Statistics.TasksDispatched, result.Statistics.TasksCompleted + result.Statistics.TasksAbandoned);
    }

    [Fact]
    public void TimeLimitsEndSlowTasksAsTimedOut()
    {
        // Clients 0–4 need 1–5 s; the limit is 3.5 s: clients 3 and 4 always time out and never deliver.
        var w = new QuadraticWorkload(D);
        var rec = new RecordingScheduler(new TimeLimitScheduler(3.5));
        using var server = Setup.Server(rec, w, 3, 0.01);
        var sim = new VirtualClockSimulator(server, new TestFleet([1, 2, 3, 4, 5]), new SimulationOptions { MaxTime = 70 });
        var result = sim.Run();
        var st = result.Statistics;
        Assert.Equal(StopReason.MaxTime, result.Reason);

        // In 70 s: client 0 delivers 70, client 1 35, client 2 23; clients 3 and 4 time out every 3.5 s (20 each).
        Assert.Equal(70, st.Participation[0]);
        Assert.Equal(35, st.Participation[1]);
        Assert.Equal(23, st.Participation[2]);
        Assert.Equal(0, st.Participation[3]);
        Assert.Equal(0, st.Participation[4]);
        Assert.Equal(40, st.TasksTimedOut);
        Assert.Equal(st.TasksCompleted, st.Applied);
        Assert.True(server.GetAccounting().IsBalanced);
    }

    [Fact]
    public void RennalaRestartAllUsesOnlyFreshGradients()
    {
        var w = new QuadraticWorkload(D);
        var rec = new RecordingScheduler(new RennalaRestartScheduler(batch: 4));
        using var server = Setup.Server(rec, w, 5, 0.05, buffer: int.MaxValue / 2);
        var sim = new VirtualClockSimulator(server, new TestFleet(Setup.Speeds(8, 10)), new SimulationOptions { MaxServerSteps = 50 });
        var result = sim.Run();
        Assert.Equal(StopReason.MaxServerSteps, result.Reason);
        Assert.All(rec.AcceptedStaleness, s => Assert.Equal(0, s));
        Assert.Equal(200, rec.AcceptedStaleness.Count);

        // Everyone is restarted at each step, so the slower workers' partial work is cancelled (never applied stale).
        Assert.True(result.Statistics.TasksCancelled > 0);
        Assert.True(w.Loss(server) < w.Loss(QuadraticWorkload.Start(D)));
        Assert.True(server.GetAccounting().IsBalanced);
    }

    [Fact]
    public void OfflineClientDropsItsTaskAndIsRedispatchedWhenBack()
    {
        var w = new QuadraticWorkload(D);
        var rec = new RecordingScheduler(new AsynchronousSchedulerOptions { Concurrency = 2 }.CreateScheduler());
        using var server = Setup.Server(rec, w, 9, 0.01);
        var fleet = new TestFleet([10, 10]) { OutageStart = 5, OutageEnd = 12 };
        var sim = new VirtualClockSimulator(server, fleet, new SimulationOptions { MaxTime = 29 });
        var result = sim.Run();

        // Client 0: dropped at t = 5 (offline), back at 12 → completes at 22; client 1 completes at 10, 20 (30 is past the end).
        Assert.Equal(StopReason.MaxTime, result.Reason);
        Assert.Equal(29.0, result.ElapsedSeconds);
        Assert.Equal(1, result.Statistics.TasksDropped);
        Assert.Equal(1, result.Statistics.Participation[0]);
        Assert.Equal(2, result.Statistics.Participation[1]);
    }

    [Fact]
    public void SynchronousRoundDeadlineCancelsStragglers()
    {
        var w = new QuadraticWorkload(D);
        var sched = new SynchronousRoundsOptions { ClientsPerRound = 4, RoundDeadlineSeconds = 2.5 }.CreateScheduler();
        using var server = Setup.Server(sched, w, 11, 0.01, buffer: int.MaxValue / 2);
        var sim = new VirtualClockSimulator(server, new TestFleet([1, 2, 3, 4]), new SimulationOptions { MaxServerSteps = 10 });
        var result = sim.Run();
        var st = result.Statistics;

        // Each round: clients 0 and 1 finish (1 s, 2 s), 2 and 3 are cancelled at 2.5 s; a round lasts 2.5 s.
        Assert.Equal(10, st.Rounds);
        Assert.Equal(2.5, st.MeanRoundTime, 9);
        Assert.Equal(20, st.TasksCancelled);
        Assert.Equal(20, st.Buffered);
        Assert.Equal(25.0, result.ElapsedSeconds, 9);
    }

    [Fact]
    public void UploadsAreCompressedIndependentlyAndDeliveredInOrder()
    {
        var w = new QuadraticWorkload(D);
        var rec = new RecordingScheduler(new MultiUploadScheduler());
        using var server = Setup.Server(rec, w, 13, 0.01);
        var fleet = new TestFleet([1, 1]) { UploadLatency = 0.5 };
        var sim = new VirtualClockSimulator(server, fleet, new SimulationOptions { MaxTime = 10 });
        var result = sim.Run();

        // Each task: 1 s compute, then 3 uploads of 0.5 s each (compressed): results at 1.5, 2, 2.5; task time 2.5 s.
        Assert.Equal(2.5, result.Statistics.P50ClientLatency, 9);
        Assert.Equal(result.Statistics.ResultsDelivered, 3 * result.Statistics.TasksCompleted);
        var firstTask = rec.Results.Where(r => r.Task == 0).Select(r => r.Upload).ToArray();
        Assert.Equal([0, 1, 2], firstTask);
        Assert.True(MultiUploadScheduler.DistinctPayloads >= 2, "independent compressions should differ");
    }

    private sealed class MultiUploadScheduler : IScheduler
    {
        private static readonly HashSet<string> Payloads = [];

        public static int DistinctPayloads => Payloads.Count;

        public string Name => "MultiUpload";

        public void OnStart(ISchedulerContext context)
        {
            context.Dispatch(new TaskRequest(0) { Uploads = 3, Compressor = new HalfRandom() });
            context.Dispatch(new TaskRequest(1) { Uploads = 3, Compressor = new HalfRandom() });
        }

        public void OnResult(ISchedulerContext context, in TaskResult result)
        {
            if (result.Task.Handle.Id == 0)
            {
                lock (Payloads)
                {
                    Payloads.Add(string.Join(",", result.Update.Payload.ToArray()));
                }
            }

            context.Accept(in result, SubmitOptions.Default);
        }

        public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended) =>
            context.Dispatch(new TaskRequest(ended.Task.ClientId) { Uploads = 3, Compressor = new HalfRandom() });

        public void OnClientAvailable(ISchedulerContext context, int clientId)
        {
        }

        public void OnTimer(ISchedulerContext context, long tag)
        {
        }
    }

    /// <summary>Keeps each coordinate with probability ½ and doubles it (unbiased, ω = 1).</summary>
    private sealed class HalfRandom : IUpdateCompressor
    {
        public string Name => "Half";

        public double Omega(int dimension) => 1;

        public int TransmittedElements(int dimension) => dimension / 2;

        public void Compress(ReadOnlySpan<float> source, Span<float> destination, RandomSource random)
        {
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = random.NextDouble() < 0.5 ? 2 * source[i] : 0;
            }
        }
    }
}
