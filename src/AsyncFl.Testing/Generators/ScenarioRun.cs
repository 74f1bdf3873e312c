using AsyncFl.Engine;
using AsyncFl.Simulation;

namespace AsyncFl.Testing;

/// <summary>
/// A <see cref="Scenario"/> run to its budget on the virtual clock with a given scheduler and aggregator, a
/// <see cref="RecordingScheduler"/> watching: the server, the record, the result and the loss before and after,
/// ready for the <see cref="Invariants"/>. Dispose it to free the server.
/// </summary>
public sealed class ScenarioRun : IDisposable
{
    private ScenarioRun(FederatedServer server, RecordingScheduler trace, RunResult result, QuadraticWorkload workload, double initialLoss)
    {
        Server = server;
        Trace = trace;
        Result = result;
        Workload = workload;
        InitialLoss = initialLoss;
    }

    /// <summary>The server after the stop.</summary>
    public FederatedServer Server { get; }

    /// <summary>What the scheduler saw and did.</summary>
    public RecordingScheduler Trace { get; }

    /// <summary>What the clock returned.</summary>
    public RunResult Result { get; }

    /// <summary>The problem.</summary>
    public QuadraticWorkload Workload { get; }

    /// <summary>f(x₀) − f*.</summary>
    public double InitialLoss { get; }

    /// <summary>f(x_T) − f* at the stop.</summary>
    public double FinalLoss => Workload.Loss(Server.Model);

    /// <summary>The run's fingerprint (model, statistics and trace).</summary>
    public RunFingerprint Fingerprint => RunFingerprint.Of(Server, Result, Trace);

    /// <summary>The run invariants (<see cref="Invariants.OfRun"/>).</summary>
    public InvariantResult Invariants => AsyncFl.Testing.Invariants.OfRun(Trace, Server);

    /// <summary>Runs <paramref name="scenario"/>.</summary>
    /// <param name="scenario">Fleet, size, seed and budget.</param>
    /// <param name="scheduler">The scheduler (a fresh instance: schedulers keep state).</param>
    /// <param name="createAggregator">Creates the aggregator for the model.</param>
    /// <param name="payloadKind">What the clients return (must be one the aggregator supports).</param>
    /// <returns>The finished run.</returns>
    public static ScenarioRun Start(Scenario scenario, IScheduler scheduler, Func<GlobalModel, IAggregator> createAggregator, UpdatePayloadKind payloadKind)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(createAggregator);
        var workload = new QuadraticWorkload(scenario.Dimension, payloadKind);
        float[] start = workload.InitialPoint();
        var trace = new RecordingScheduler(scheduler);
        var server = new FederatedServerBuilder()
            .WithInitialModel(start)
            .UseAggregator(createAggregator)
            .UseScheduler(trace)
            .UseWorkload(workload)
            .WithSeed(scenario.Seed)
            .Build();
        try
        {
            var simulator = new VirtualClockSimulator(server, scenario.Fleet.Build(scenario.Seed), new SimulationOptions
            {
                MaxEvents = scenario.MaxEvents,
            });
            var result = simulator.Run();
            return new ScenarioRun(server, trace, result, workload, workload.Loss(start));
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Server.Dispose();
}
