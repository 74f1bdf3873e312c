using AsyncFl.Backends;

namespace AsyncFl;

/// <summary>
/// Composes a federated server: the model (initial parameters on a backend), the aggregator, the scheduler, the
/// client workload and the seed. Algorithm packages add themselves through extension methods in the
/// <c>AsyncFl</c> namespace (<c>AddFedAsync</c>, <c>AddFedBuff</c>, <c>AddRingmaster</c>, …), so users find them
/// without a <c>using</c>.
/// </summary>
public sealed partial class FederatedServerBuilder
{
    /// <summary>The parameter backend (default: <see cref="CpuParameterBackend.Instance"/>).</summary>
    public IParameterBackend Backend { get; private set; } = CpuParameterBackend.Instance;

    /// <summary>The initial model parameters, if set.</summary>
    public float[]? InitialParameters { get; private set; }

    /// <summary>Creates the aggregator for the model, if set.</summary>
    public Func<GlobalModel, IAggregator>? AggregatorFactory { get; private set; }

    /// <summary>The scheduler, if set.</summary>
    public IScheduler? Scheduler { get; private set; }

    /// <summary>The client workload, if set.</summary>
    public IClientWorkload? Workload { get; private set; }

    /// <summary>The root seed of every random draw the server makes.</summary>
    public long Seed { get; private set; }

    /// <summary>The server's name (its meter's <see cref="Metrics.TrainingMeter.ServerTag"/> and its log scope), if set;
    /// unset, <see cref="Build"/> names it <c>asyncfl-1</c>, <c>asyncfl-2</c>, … in the order servers are built.</summary>
    public string? Name { get; private set; }

    /// <summary>Creates the server's logger, if set; otherwise the server logs nothing.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; private set; }

    /// <summary>Creates the server's meter, if set; otherwise the server creates (and disposes) its own.</summary>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; private set; }

    /// <summary>Names the server: its <c>"AsyncFl"</c> meter carries the name in the tag
    /// <see cref="Metrics.TrainingMeter.ServerTag"/>, so two servers in one process can be told apart.</summary>
    /// <param name="name">A non-empty name.</param>
    public FederatedServerBuilder WithName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        return this;
    }

    /// <summary>
    /// Logs through <paramref name="loggerFactory"/> (category <c>AsyncFl.Server</c>): the configuration when training
    /// starts, a summary when it stops, the first rejection of each reason (the rest summarised at the stop), runner faults.
    /// </summary>
    /// <param name="loggerFactory">The factory.</param>
    public FederatedServerBuilder UseLoggerFactory(Microsoft.Extensions.Logging.ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        LoggerFactory = loggerFactory;
        return this;
    }

    /// <summary>Creates the server's meter through <paramref name="meterFactory"/> (the host's, e.g. from dependency
    /// injection; the factory owns and disposes the meter).</summary>
    /// <param name="meterFactory">The factory.</param>
    public FederatedServerBuilder UseMeterFactory(System.Diagnostics.Metrics.IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        MeterFactory = meterFactory;
        return this;
    }

    /// <summary>Uses <paramref name="backend"/> for the model's parameters.</summary>
    /// <param name="backend">The backend.</param>
    public FederatedServerBuilder UseBackend(IParameterBackend backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        Backend = backend;
        return this;
    }

    /// <summary>Sets the initial parameters (copied).</summary>
    /// <param name="initial">The initial model.</param>
    public FederatedServerBuilder WithInitialModel(ReadOnlySpan<float> initial)
    {
        InitialParameters = initial.ToArray();
        return this;
    }

    /// <summary>Sets the aggregator through a factory that receives the global model.</summary>
    /// <param name="factory">Creates the aggregator.</param>
    public FederatedServerBuilder UseAggregator(Func<GlobalModel, IAggregator> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        AggregatorFactory = factory;
        return this;
    }

    /// <summary>Sets the scheduler.</summary>
    /// <param name="scheduler">The scheduler.</param>
    public FederatedServerBuilder UseScheduler(IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Scheduler = scheduler;
        return this;
    }

    /// <summary>Sets the client workload.</summary>
    /// <param name="workload">The workload.</param>
    public FederatedServerBuilder UseWorkload(IClientWorkload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        Workload = workload;
        return this;
    }

    /// <summary>Sets the root seed.</summary>
    /// <param name="seed">The seed.</param>
    public FederatedServerBuilder WithSeed(long seed)
    {
        Seed = seed;
        return this;
    }
}
