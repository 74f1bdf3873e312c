namespace AsyncFl.Schedulers;

/// <summary>The training mode chosen by <see cref="AutoMode.Decide"/>.</summary>
public enum TrainingMode
{
    /// <summary>Synchronous rounds over all clients (minibatch SGD / FedAvg).</summary>
    Synchronous = 0,

    /// <summary>An asynchronous scheduler (Ringmaster ASGD, variant B).</summary>
    Asynchronous = 1,
}
