namespace AsyncFl;

/// <summary>Building the server.</summary>
public sealed partial class FederatedServerBuilder
{
    private static long s_built;

    /// <summary>
    /// Validates the configuration (reporting every problem at once) and creates the server. The server does
    /// nothing until a clock runs it: <c>new VirtualClockSimulator(server, fleet, options)</c> (package
    /// <c>AsyncFl.Simulation</c>) or <see cref="Engine.RealTimeRunner"/>.
    /// </summary>
    /// <returns>The server; it owns the global model (and disposes it).</returns>
    /// <exception cref="ArgumentException">The configuration is incomplete or inconsistent.</exception>
    public FederatedServer Build()
    {
        var errors = new List<string>();
        if (InitialParameters is null)
        {
            errors.Add("The initial model is not set (call WithInitialModel).");
        }
        else if (InitialParameters.Length == 0)
        {
            errors.Add("The initial model is empty (dimension 0).");
        }

        if (AggregatorFactory is null)
        {
            errors.Add("No aggregator is set (call UseAggregator or an AddXxx aggregator extension).");
        }

        if (Scheduler is null)
        {
            errors.Add("No scheduler is set (call UseScheduler, AddAsynchronous, AddSynchronousRounds, …).");
        }

        if (Workload is null)
        {
            errors.Add("No client workload is set (call UseWorkload).");
        }
        else if (InitialParameters is not null && Workload.Dimension != InitialParameters.Length)
        {
            errors.Add($"The workload's dimension ({Workload.Dimension}) differs from the initial model's ({InitialParameters.Length}).");
        }

        if (errors.Count > 0)
        {
            throw Invalid(errors);
        }

        var model = GlobalModel.Create(Backend, InitialParameters);
        IAggregator? aggregator = null;
        try
        {
            aggregator = AggregatorFactory!(model) ?? throw new ArgumentException("Invalid server configuration:\n- The aggregator factory returned null.");
            if (!ReferenceEquals(aggregator.Model, model))
            {
                errors.Add($"The aggregator factory returned an aggregator ({aggregator.Name}) for another model than the one it was given.");
            }

            var kind = Workload!.PayloadKind;
            if (!aggregator.SupportsPayloadKind(kind))
            {
                var supported = Enum.GetValues<UpdatePayloadKind>().Where(aggregator.SupportsPayloadKind).ToArray();
                errors.Add(
                    $"The aggregator {aggregator.Name} does not accept {kind} payloads, which the workload ({Workload.GetType().Name}) produces: " +
                    $"every result would be rejected as UnsupportedKind. It accepts {(supported.Length == 0 ? "no kind" : string.Join(", ", supported))}; " +
                    "give the workload one of those (e.g. PayloadKind = Weights for FedAsync, which mixes models) or choose an aggregator for " + kind + ".");
            }

            if (errors.Count > 0)
            {
                throw Invalid(errors);
            }

            string name = Name ?? "asyncfl-" + Interlocked.Increment(ref s_built).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new FederatedServer(model, aggregator, Scheduler!, Workload, Seed, name, new Engine.ServerServices(MeterFactory, LoggerFactory));
        }
        catch
        {
            aggregator?.Dispose();
            model.Dispose();
            throw;
        }
    }

    private static ArgumentException Invalid(List<string> errors) =>
        new("Invalid server configuration:\n- " + string.Join("\n- ", errors));
}
