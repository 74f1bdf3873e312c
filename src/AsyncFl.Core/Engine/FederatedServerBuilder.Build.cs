namespace AsyncFl;

/// <summary>Building the server.</summary>
public sealed partial class FederatedServerBuilder
{
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
            throw new ArgumentException("Invalid server configuration:\n- " + string.Join("\n- ", errors));
        }

        var model = GlobalModel.Create(Backend, InitialParameters);
        return new FederatedServer(model, AggregatorFactory!, Scheduler!, Workload!, Seed);
    }
}
