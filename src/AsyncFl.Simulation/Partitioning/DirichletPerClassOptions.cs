namespace AsyncFl.Simulation.Partitioning;

/// <summary>Options of <see cref="DirichletPerClassPartitioner"/> (defaults of Flower Datasets' <c>DirichletPartitioner</c>).</summary>
public sealed class DirichletPerClassOptions
{
    /// <summary>Number of partitions N (&gt; 0, ≤ number of rows).</summary>
    /// <value>The default value is 10.</value>
    public int PartitionCount { get; set; } = 10;

    /// <summary>α broadcast to every partition (used when <see cref="Alphas"/> is null); &gt; 0. Small α: skewed.</summary>
    /// <value>The default value is 0.5.</value>
    public double Alpha { get; set; } = 0.5;

    /// <summary>Per-partition α (length N, all &gt; 0), overriding <see cref="Alpha"/>.</summary>
    /// <value>The default value is null.</value>
    public IReadOnlyList<double>? Alphas { get; set; }

    /// <summary>Every partition must hold at least this many rows, or the draw is retried.</summary>
    /// <value>The default value is 10.</value>
    public int MinPartitionSize { get; set; } = 10;

    /// <summary>Zero the share of any partition already holding more than <c>rows/N</c> rows before splitting each
    /// class (renormalising the rest; if every share is zeroed the unbalanced draw is kept).</summary>
    /// <value>The default value is false.</value>
    public bool SelfBalancing { get; set; }

    /// <summary>Shuffle each partition's indices at the end (with the same random stream).</summary>
    /// <value>The default value is true.</value>
    public bool Shuffle { get; set; } = true;

    /// <summary>The seed of all draws.</summary>
    /// <value>The default value is 42.</value>
    public long Seed { get; set; } = 42;

    /// <summary>Retries after the first failed attempt; after <c>MaxRetries + 1</c> failed attempts a
    /// <see cref="PartitioningException"/> is thrown (Flower raises after attempt index 10).</summary>
    /// <value>The default value is 10.</value>
    public int MaxRetries { get; set; } = 10;

    /// <summary>The rounding policy.</summary>
    /// <value>The default value is <see cref="RemainderPolicy.CumsumFloor"/>.</value>
    public RemainderPolicy Remainder { get; set; } = RemainderPolicy.CumsumFloor;
}
