namespace AsyncFl;

/// <summary>
/// The client side of a task: from the base model, do the requested local work and write the update.
/// Called concurrently for different clients (the simulator trains clients in parallel, the real clock runs
/// them as tasks): implementations must be safe for concurrent calls with distinct updates and random sources.
/// </summary>
public interface IClientWorkload
{
    /// <summary>Number of model parameters.</summary>
    int Dimension { get; }

    /// <summary>The kind of payload this workload produces.</summary>
    UpdatePayloadKind PayloadKind { get; }

    /// <summary>Does the work and writes <paramref name="update"/>'s payload and metadata (sample count, loss, local steps).</summary>
    /// <param name="work">The client, the amount of local work and the learning rate.</param>
    /// <param name="baseModel">The model at the task's base version (read-only).</param>
    /// <param name="update">Receives the result; its payload has length <see cref="Dimension"/>.</param>
    /// <param name="random">The client's seeded random stream for this task.</param>
    void Execute(in ClientWork work, Backends.ParameterVector baseModel, ClientUpdate update, RandomSource random);
}
