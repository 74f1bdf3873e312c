using AsyncFl.Aggregators;
using AsyncFl.Backends;
using AsyncFl.Schedulers;
using AsyncFl.Simulation;
using BenchmarkDotNet.Attributes;

namespace AsyncFl.Benchmarks.Simulator;

/// <summary>
/// Virtual-clock throughput: events per second for fleets of 10³, 10⁵, 10⁶ devices with a tiny objective (d = 10), in
/// two configurations (<see cref="Load"/>): <see cref="FleetLoad.CrossDevice"/>, the realistic cross-device one — C =
/// min(n, 1000) devices training at once (FedBuff's default concurrency), a free slot refilled with a uniformly drawn
/// idle device, so the queue holds C events — and <see cref="FleetLoad.AllBusy"/>, the stress case (naive ASGD over all
/// n workers: the queue holds n events and n tasks are in flight).
/// One invocation = building the run, dispatching the C initial tasks, then <see cref="Events"/> events.
/// <see cref="SimulatorThroughput"/> measures the steady state (after a warm-up) with a stopwatch, which is what
/// <c>docs/benchmarks.md</c> reports.
/// </summary>
[MemoryDiagnoser]
public class SimulatorBenchmarks
{
    /// <summary>Events per invocation after the start.</summary>
    public const int Events = 2_000_000;

    private FederatedServer? _server;
    private VirtualClockSimulator? _sim;

    /// <summary>Cross-device concurrency (tasks in flight) when <see cref="Load"/> is <see cref="FleetLoad.CrossDevice"/>.</summary>
    public const int CrossDeviceConcurrency = 1_000;

    /// <summary>Which devices are busy.</summary>
    public enum FleetLoad
    {
        /// <summary>C = min(n, 1000) tasks in flight; the rest of the fleet idle.</summary>
        CrossDevice,

        /// <summary>All n devices busy (concurrency n).</summary>
        AllBusy,
    }

    [Params(1_000, 100_000, 1_000_000)]
    public int Devices { get; set; }

    [Params(FleetLoad.CrossDevice, FleetLoad.AllBusy)]
    public FleetLoad Load { get; set; }

    private int Concurrency => Load == FleetLoad.AllBusy ? Devices : Math.Min(Devices, CrossDeviceConcurrency);

    /// <summary>Prints the steady-state stopwatch measurement (the numbers of docs/benchmarks.md) for this n.</summary>
    [GlobalSetup]
    public void ReportSteadyState()
    {
        var m = SimulatorThroughput.Measure(Devices, warmup: Math.Max(1_000_000, Devices), measured: Events, concurrency: Concurrency);
        Console.WriteLine(
            $"// n = {Devices}, C = {Concurrency} ({Load}): {m.MicrosecondsPerEvent:F2} µs/event wall ({m.EventsPerSecond / 1e6:F3} M events/s), "
            + $"{m.CpuSeconds * 1e6 / m.Events:F2} µs/event CPU ({m.EventsPerCpuSecond / 1e6:F3} M events/CPU-s); "
            + $"idle {m.IdleBytesPerDevice:F1} B/device; in flight +{m.InFlightManagedBytesPerTask:F0} B/task managed, "
            + $"+{m.InFlightProcessBytesPerTask:F0} B/task process; {m.AllocatedBytesPerEvent:F0} B allocated/event; gen0 {m.Gen0}, gen2 {m.Gen2}");
    }

    [IterationSetup]
    public void Setup()
    {
        _server?.Dispose();
        _server = SimulatorThroughput.CreateServer(Devices, Concurrency);
        _sim = new VirtualClockSimulator(_server, new CompactFleet(Devices, seed: 1), new SimulationOptions { MaxEvents = Events });
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public long RunEvents() => _sim!.Run().Events;
}

/// <summary>
/// Steady-state throughput of the virtual clock, timed with a stopwatch: n devices of which C are busy (concurrency C,
/// default n), a warm-up of <c>warmup</c> events after the C initial dispatches, then <c>measured</c> events; reports
/// events per second, idle bytes per device and the extra memory per in-flight task.
/// </summary>
public static class SimulatorThroughput
{
    /// <summary>One measurement.</summary>
    /// <param name="Devices">n.</param>
    /// <param name="Events">Events timed.</param>
    /// <param name="Seconds">Wall time of the timed events.</param>
    /// <param name="IdleBytesPerDevice">Managed bytes per idle device (fleet + engine per-client state).</param>
    /// <param name="Concurrency">C, the tasks in flight.</param>
    /// <param name="InFlightManagedBytesPerTask">Extra managed bytes per in-flight task (C in flight), over the idle
    /// fleet with the simulator attached.</param>
    /// <param name="InFlightProcessBytesPerTask">Extra process (managed + native) bytes per in-flight task.</param>
    /// <param name="Gen0">Gen-0 collections during the timed events.</param>
    /// <param name="Gen2">Gen-2 collections during the timed events.</param>
    /// <param name="AllocatedBytesPerEvent">Managed bytes allocated per timed event.</param>
    /// <param name="CpuSeconds">Processor time the process used during the timed events (on a shared machine this,
    /// not the wall time, is what one core needs).</param>
    public readonly record struct Measurement(
        int Devices, int Concurrency, long Events, double Seconds, double IdleBytesPerDevice, double InFlightManagedBytesPerTask,
        double InFlightProcessBytesPerTask, int Gen0, int Gen2, double AllocatedBytesPerEvent, double CpuSeconds)
    {
        /// <summary>Events per second of processor time.</summary>
        public double EventsPerCpuSecond => Events / CpuSeconds;

        /// <summary>Events per second.</summary>
        public double EventsPerSecond => Events / Seconds;

        /// <summary>Microseconds per event.</summary>
        public double MicrosecondsPerEvent => Seconds * 1e6 / Events;
    }

    /// <summary>The benchmark's server: d = 10, SGD aggregator (no duplicate window), asynchronous, concurrency n.</summary>
    /// <param name="devices">n.</param>
    /// <param name="concurrency">Tasks in flight (default n).</param>
    public static FederatedServer CreateServer(int devices, int? concurrency = null) =>
        new FederatedServerBuilder()
            .WithInitialModel(new float[10])
            .UseAggregator(m => new SgdAggregatorOptions { LearningRate = 0.01, DuplicateWindow = 0 }.CreateAggregator(m))
            .AddAsynchronous(new AsynchronousSchedulerOptions { Concurrency = concurrency ?? devices })
            .UseWorkload(new TinyWorkload())
            .WithSeed(1)
            .Build();

    /// <summary>Runs one measurement.</summary>
    /// <param name="devices">n.</param>
    /// <param name="warmup">Events before the timed part (after the n initial dispatches).</param>
    /// <param name="measured">Events timed.</param>
    /// <param name="concurrency">Tasks in flight (default n: every device busy).</param>
    public static Measurement Measure(int devices, long warmup, long measured, int? concurrency = null)
    {
        int c = concurrency ?? devices;
        double idle = IdleBytesPerDevice(devices);
        var fleet = new CompactFleet(devices, seed: 1);
        using var server = CreateServer(devices, c);
        long managedBefore = 0, processBefore = 0;
        long startEvents = -1, endEvents = -1, startTicks = 0, endTicks = 0, startAlloc = 0, endAlloc = 0;
        TimeSpan startCpu = default, endCpu = default;
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        int startGen0 = 0, startGen2 = 0, endGen0 = 0, endGen2 = 0;
        long managedInFlight = 0, processInFlight = 0;
        var sim = new VirtualClockSimulator(server, fleet, new SimulationOptions
        {
            MaxEvents = warmup + measured,
            TraceEverySteps = Math.Max(1, warmup),
            Trace = p =>
            {
                if (startEvents < 0 && p.Events >= warmup)
                {
                    managedInFlight = GC.GetTotalMemory(forceFullCollection: true) - managedBefore;
                    processInFlight = Environment.WorkingSet - processBefore;
                    startEvents = p.Events;
                    startGen0 = GC.CollectionCount(0);
                    startGen2 = GC.CollectionCount(2);
                    startAlloc = GC.GetAllocatedBytesForCurrentThread();
                    process.Refresh();
                    startCpu = process.TotalProcessorTime;
                    startTicks = System.Diagnostics.Stopwatch.GetTimestamp();
                }
                else if (startEvents >= 0 && p.Events > endEvents)
                {
                    // The last trace the loop takes ends the window; the one after the stop (same event count) does
                    // not, so that ending the in-flight tasks and the statistics are not timed as events.
                    endTicks = System.Diagnostics.Stopwatch.GetTimestamp();
                    process.Refresh();
                    endCpu = process.TotalProcessorTime;
                    endAlloc = GC.GetAllocatedBytesForCurrentThread();
                    endGen0 = GC.CollectionCount(0);
                    endGen2 = GC.CollectionCount(2);
                    endEvents = p.Events;
                }
            },
        });
        // Baseline after the simulator attached (the per-client arrays belong to the idle fleet, not to in-flight tasks).
        managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        processBefore = Environment.WorkingSet;
        sim.Run();
        long events = endEvents - startEvents;
        double seconds = (endTicks - startTicks) / (double)System.Diagnostics.Stopwatch.Frequency;
        return new Measurement(
            devices, c, events, seconds, idle, managedInFlight / (double)c, processInFlight / (double)c,
            endGen0 - startGen0, endGen2 - startGen2, (endAlloc - startAlloc) / (double)Math.Max(1, events),
            (endCpu - startCpu).TotalSeconds);
    }

    /// <summary>Memory of an idle fleet: fleet arrays + the engine's per-client state, in bytes per device.</summary>
    /// <param name="devices">n.</param>
    public static double IdleBytesPerDevice(int devices)
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var fleet = new CompactFleet(devices, seed: 1);
        var server = CreateServer(devices, concurrency: 1);
        var sim = new VirtualClockSimulator(server, fleet);
        long after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(sim);
        server.Dispose();
        return (after - before) / (double)devices;
    }
}

/// <summary>A struct-of-arrays fleet: one float (seconds per step) per device; always online; no failures.</summary>
internal sealed class CompactFleet : IDeviceFleet
{
    private readonly float[] _secondsPerStep;

    public CompactFleet(int devices, long seed)
    {
        var random = new RandomSource(seed);
        _secondsPerStep = new float[devices];
        for (int i = 0; i < devices; i++)
        {
            _secondsPerStep[i] = 1f + (9f * random.NextSingle());
        }
    }

    public int Count => _secondsPerStep.Length;

    public double ComputeSeconds(int client, int localSteps, int samples, double startTime, RandomSource random) =>
        _secondsPerStep[client] * localSteps * (0.5 + random.NextDouble());

    public double DownloadSeconds(int client, long bytes) => 0;

    public double UploadSeconds(int client, long bytes) => 0;

    public bool DrawFailure(int client, double durationSeconds, RandomSource random, out double failAfterSeconds)
    {
        failAfterSeconds = 0;
        return false;
    }

    public bool IsAvailable(int client, double time) => true;

    public double NextAvailabilityChange(int client, double time) => double.PositiveInfinity;
}

/// <summary>The tiny client workload: the "gradient" is the base model itself (d = 10).</summary>
internal sealed class TinyWorkload : IClientWorkload
{
    public int Dimension => 10;

    public UpdatePayloadKind PayloadKind => UpdatePayloadKind.Gradient;

    public void Execute(in ClientWork work, ParameterVector baseModel, ClientUpdate update, RandomSource random) =>
        baseModel.Backend.Copy(baseModel, update.Payload);
}
