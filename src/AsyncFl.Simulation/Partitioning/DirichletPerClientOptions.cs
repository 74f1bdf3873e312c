namespace AsyncFl.Simulation.Partitioning;

/// <summary>Options of <see cref="DirichletPerClientPartitioner"/>.</summary>
public sealed class DirichletPerClientOptions
{
    /// <summary>Number of partitions (clients) N.</summary>
    /// <value>The default value is 100.</value>
    public int PartitionCount { get; set; } = 100;

    /// <summary>α (concentration): 0 → one class per client, ∞ → the prior mix (IID). Hsu et al. used 0 … 100.</summary>
    /// <value>The default value is 0.5.</value>
    public double Alpha { get; set; } = 0.5;

    /// <summary>Rows per client; 0 means <c>floor(rows / N)</c>. <c>N × SamplesPerClient</c> must not exceed the rows.</summary>
    /// <value>The default value is 0.</value>
    public int SamplesPerClient { get; set; }

    /// <summary>The prior class distribution p over the sorted distinct labels (length = number of classes, non-negative,
    /// positive sum; normalised); null means the empirical class frequencies.</summary>
    /// <value>The default value is null.</value>
    public IReadOnlyList<double>? Prior { get; set; }

    /// <summary>The seed of all draws.</summary>
    /// <value>The default value is 42.</value>
    public long Seed { get; set; } = 42;
}
