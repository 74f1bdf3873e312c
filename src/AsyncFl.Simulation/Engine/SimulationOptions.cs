using System.Globalization;

namespace AsyncFl.Simulation;

/// <summary>Options of the <see cref="VirtualClockSimulator"/>: stopping rules, trace hook, payload sizes.</summary>
public sealed class SimulationOptions
{
    /// <summary>Stop when the next event lies after this simulated time (seconds); +∞ for no bound.</summary>
    /// <value>The default value is <see cref="double.PositiveInfinity"/>.</value>
    public double MaxTime { get; set; } = double.PositiveInfinity;

    /// <summary>Stop once the model version reaches this many server steps; null for no bound.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public long? MaxServerSteps { get; set; }

    /// <summary>Stop after this many events (stale ones included); null for no bound.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public long? MaxEvents { get; set; }

    /// <summary>A user stopping rule (e.g. target loss reached), checked every <see cref="StopCheckEverySteps"/> server steps.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<FederatedServer, bool>? StopWhen { get; set; }

    /// <summary>Server steps between two checks of <see cref="StopWhen"/>, ≥ 1.</summary>
    /// <value>The default value is 1.</value>
    public int StopCheckEverySteps { get; set; } = 1;

    /// <summary>Called at the start, at the configured intervals and at the end, to record a trace (time, version, your metric).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Action<TracePoint>? Trace { get; set; }

    /// <summary>Record a trace point every this many simulated seconds; +∞ for none (other than start and end).</summary>
    /// <value>The default value is <see cref="double.PositiveInfinity"/>.</value>
    public double TraceEverySeconds { get; set; } = double.PositiveInfinity;

    /// <summary>Record a trace point every this many server steps; 0 for none.</summary>
    /// <value>The default value is 0.</value>
    public long TraceEverySteps { get; set; }

    /// <summary>Bytes per model parameter on the wire (download: dimension × this; upload: transmitted elements × this).</summary>
    /// <value>The default value is 4 (float32).</value>
    public int BytesPerParameter { get; set; } = 4;

    /// <summary>Training samples each client holds (passed to per-example time models); null passes 0 (unknown).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Func<int, int>? SamplesOf { get; set; }

    /// <summary>
    /// Worker threads that compute in-flight tasks' client work ahead of time (<see cref="Engine.EngineTask.Execute"/>: it
    /// reads only the task's base snapshot, the workload's data and the task's own seeded stream), while the event loop
    /// still applies results strictly in simulated-time order, so the run is bit-identical to the serial one. 1 computes
    /// each task lazily on the event thread when its first result is processed (no worker threads; a task in flight then
    /// holds no result vector). Needs a thread-safe workload (the <see cref="IClientWorkload"/> contract).
    /// </summary>
    /// <value>The default value is 1.</value>
    public int MaxDegreeOfParallelism { get; set; } = 1;

    /// <summary>
    /// With <see cref="MaxDegreeOfParallelism"/> &gt; 1: the most results computed ahead and held at once (each holds one
    /// model-sized vector until its task is released); workers compute the earliest-completing tasks first. 0 means
    /// 4 × <see cref="MaxDegreeOfParallelism"/>.
    /// </summary>
    /// <value>The default value is 0 (4 × <see cref="MaxDegreeOfParallelism"/>).</value>
    public int MaxResultsAhead { get; set; }

    /// <summary>Checks every option; throws one <see cref="ArgumentException"/> listing all problems.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        var c = CultureInfo.InvariantCulture;
        if (double.IsNaN(MaxTime) || MaxTime < 0)
        {
            errors.Add(string.Create(c, $"MaxTime must be ≥ 0 (+∞ for none) (was {MaxTime})."));
        }

        if (MaxServerSteps is < 0)
        {
            errors.Add(string.Create(c, $"MaxServerSteps must be ≥ 0 or null (was {MaxServerSteps})."));
        }

        if (MaxEvents is < 0)
        {
            errors.Add(string.Create(c, $"MaxEvents must be ≥ 0 or null (was {MaxEvents})."));
        }

        if (StopCheckEverySteps < 1)
        {
            errors.Add(string.Create(c, $"StopCheckEverySteps must be ≥ 1 (was {StopCheckEverySteps})."));
        }

        if (double.IsNaN(TraceEverySeconds) || TraceEverySeconds <= 0)
        {
            errors.Add(string.Create(c, $"TraceEverySeconds must be > 0 (+∞ for none) (was {TraceEverySeconds})."));
        }

        if (TraceEverySteps < 0)
        {
            errors.Add(string.Create(c, $"TraceEverySteps must be ≥ 0 (was {TraceEverySteps})."));
        }

        if (BytesPerParameter < 1)
        {
            errors.Add(string.Create(c, $"BytesPerParameter must be ≥ 1 (was {BytesPerParameter})."));
        }

        if (MaxDegreeOfParallelism < 1)
        {
            errors.Add(string.Create(c, $"MaxDegreeOfParallelism must be ≥ 1 (was {MaxDegreeOfParallelism})."));
        }

        if (MaxResultsAhead < 0)
        {
            errors.Add(string.Create(c, $"MaxResultsAhead must be ≥ 0 (0 for 4 × MaxDegreeOfParallelism) (was {MaxResultsAhead})."));
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SimulationOptions: " + string.Join(" ", errors));
        }
    }

    internal SimulationOptions Clone() => (SimulationOptions)MemberwiseClone();
}
