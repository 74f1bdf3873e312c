namespace AsyncFl.Simulation.Partitioning;

/// <summary>
/// "#C labels per client" (quantity-based label imbalance, as in NIID-Bench, Li et al. 2021): client <c>i</c> holds
/// exactly <c>C</c> distinct classes — class <c>i mod K</c> (so every class is held when N ≥ K) plus <c>C − 1</c> others
/// chosen uniformly at random — and each class's rows (shuffled) are split as evenly as possible between the clients
/// that hold it. Rows of a class no client holds (only possible when N &lt; K) are left out. Partitions are disjoint.
/// </summary>
public sealed class LabelShardPartitioner : IPartitioner
{
    private readonly long _seed;

    /// <summary>Creates the partitioner.</summary>
    /// <param name="partitionCount">N ≥ 1.</param>
    /// <param name="labelsPerClient">C ≥ 1 (at most the number of classes present).</param>
    /// <param name="seed">The seed.</param>
    public LabelShardPartitioner(int partitionCount, int labelsPerClient, long seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(labelsPerClient, 1);
        PartitionCount = partitionCount;
        LabelsPerClient = labelsPerClient;
        _seed = seed;
    }

    /// <inheritdoc />
    public int PartitionCount { get; }

    /// <summary>C, classes per client.</summary>
    public int LabelsPerClient { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">C exceeds the number of classes.</exception>
    public int[][] Partition(ReadOnlySpan<int> labels)
    {
        (int[] classes, int[][] byClass) = PartitionHelpers.GroupByLabel(labels);
        int k = classes.Length;
        if (LabelsPerClient > k)
        {
            throw new ArgumentException($"LabelsPerClient = {LabelsPerClient} exceeds the {k} classes present.", nameof(labels));
        }

        var random = new RandomSource(_seed);
        int n = PartitionCount;
        var holders = new List<int>[k];
        for (int c = 0; c < k; c++)
        {
            holders[c] = [];
        }

        var others = new int[k];
        for (int i = 0; i < n; i++)
        {
            int first = i % k;
            holders[first].Add(i);
            int m = 0;
            for (int c = 0; c < k; c++)
            {
                if (c != first)
                {
                    others[m++] = c;
                }
            }

            // partial Fisher–Yates: C − 1 distinct others
            for (int t = 0; t < LabelsPerClient - 1; t++)
            {
                int j = t + random.Next(m - t);
                (others[t], others[j]) = (others[j], others[t]);
                holders[others[t]].Add(i);
            }
        }

        var parts = new List<int>[n];
        for (int i = 0; i < n; i++)
        {
            parts[i] = [];
        }

        for (int c = 0; c < k; c++)
        {
            List<int> h = holders[c];
            if (h.Count == 0)
            {
                continue;
            }

            int[] rows = (int[])byClass[c].Clone();
            PartitionHelpers.Shuffle(rows.AsSpan(), random);
            int at = 0;
            for (int s = 0; s < h.Count; s++)
            {
                int size = (rows.Length / h.Count) + (s < rows.Length % h.Count ? 1 : 0);
                parts[h[s]].AddRange(rows.AsSpan(at, size));
                at += size;
            }
        }

        return PartitionHelpers.ToArrays(parts);
    }
}
