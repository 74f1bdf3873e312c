namespace AsyncFl.Simulation.Partitioning;

/// <summary>Thrown when a partitioner cannot meet its constraints (e.g. the minimum partition size after the retry limit).</summary>
public sealed class PartitioningException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public PartitioningException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and what to change.</param>
    public PartitioningException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public PartitioningException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
