namespace AsyncFl.Simulation.Partitioning;

/// <summary>
/// Dirichlet label skew per client (Hsu, Qi &amp; Brown 2019; aggregation spec §7.1): each client draws a class mix
/// <c>q ~ Dir(α·p)</c> and then takes <c>SamplesPerClient</c> rows, each row's class drawn from <c>q</c>, without
/// replacement from shuffled per-class pools; when the drawn class is exhausted, <c>q</c> is renormalised over the
/// classes that still have rows. Every client gets the same number of rows; rows beyond <c>N × SamplesPerClient</c>
/// are left out. Partitions are disjoint.
/// </summary>
public sealed class DirichletPerClientPartitioner : IPartitioner
{
    private readonly DirichletPerClientOptions _o;

    /// <summary>Creates the partitioner (options validated and copied).</summary>
    /// <param name="options">The options.</param>
    public DirichletPerClientPartitioner(DirichletPerClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.PartitionCount < 1)
        {
            errors.Add($"PartitionCount = {options.PartitionCount} must be ≥ 1");
        }

        if (!double.IsFinite(options.Alpha) || options.Alpha <= 0)
        {
            errors.Add($"Alpha = {options.Alpha} must be finite and > 0");
        }

        if (options.SamplesPerClient < 0)
        {
            errors.Add($"SamplesPerClient = {options.SamplesPerClient} must be ≥ 0");
        }

        if (options.Prior is { } prior)
        {
            double sum = 0;
            for (int k = 0; k < prior.Count; k++)
            {
                if (!double.IsFinite(prior[k]) || prior[k] < 0)
                {
                    errors.Add($"Prior[{k}] = {prior[k]} must be finite and ≥ 0");
                }
                else
                {
                    sum += prior[k];
                }
            }

            if (!(sum > 0))
            {
                errors.Add("Prior must have a positive sum");
            }
        }

        Validation.Throw(errors, "DirichletPerClient options");
        _o = new DirichletPerClientOptions
        {
            PartitionCount = options.PartitionCount,
            Alpha = options.Alpha,
            SamplesPerClient = options.SamplesPerClient,
            Prior = options.Prior is null ? null : [.. options.Prior],
            Seed = options.Seed,
        };
    }

    /// <inheritdoc />
    public int PartitionCount => _o.PartitionCount;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">Too few rows, or a prior of the wrong length.</exception>
    public int[][] Partition(ReadOnlySpan<int> labels)
    {
        int n = PartitionCount;
        int per = _o.SamplesPerClient > 0 ? _o.SamplesPerClient : labels.Length / n;
        if (per < 1 || (long)per * n > labels.Length)
        {
            throw new ArgumentException($"{n} partitions × {per} samples per client need more than the {labels.Length} rows available.", nameof(labels));
        }

        (int[] classes, int[][] byClass) = PartitionHelpers.GroupByLabel(labels);
        int c = classes.Length;
        var prior = new double[c];
        if (_o.Prior is { } given)
        {
            if (given.Count != c)
            {
                throw new ArgumentException($"Prior has {given.Count} entries but the labels have {c} distinct classes.", nameof(labels));
            }

            double s = given.Sum();
            for (int k = 0; k < c; k++)
            {
                prior[k] = given[k] / s;
            }
        }
        else
        {
            for (int k = 0; k < c; k++)
            {
                prior[k] = (double)byClass[k].Length / labels.Length;
            }
        }

        var random = new RandomSource(_o.Seed);
        var pools = new int[c][];
        var left = new int[c];
        for (int k = 0; k < c; k++)
        {
            pools[k] = (int[])byClass[k].Clone();
            PartitionHelpers.Shuffle(pools[k].AsSpan(), random);
            left[k] = pools[k].Length;
        }

        var alpha = new double[c];
        var q = new double[c];
        var result = new int[n][];
        for (int i = 0; i < n; i++)
        {
            int m = 0;
            for (int k = 0; k < c; k++)
            {
                if (prior[k] > 0)
                {
                    alpha[m++] = _o.Alpha * prior[k];
                }
            }

            Span<double> qs = q.AsSpan(0, m);
            PartitionHelpers.Dirichlet(alpha.AsSpan(0, m), qs, random);

            // expand back to all classes (zero-prior classes get weight 0)
            for (int k = c - 1, j = m - 1; k >= 0; k--)
            {
                q[k] = prior[k] > 0 ? q[j--] : 0;
            }

            var rows = new int[per];
            for (int r = 0; r < per; r++)
            {
                double total = 0;
                for (int k = 0; k < c; k++)
                {
                    total += left[k] > 0 ? q[k] : 0;
                }

                int pick = -1;
                if (total > 0)
                {
                    double u = random.NextDouble() * total;
                    for (int k = 0; k < c; k++)
                    {
                        if (left[k] == 0 || q[k] == 0)
                        {
                            continue;
                        }

                        pick = k;
                        u -= q[k];
                        if (u < 0)
                        {
                            break;
                        }
                    }
                }
                else
                {
                    // every class in this client's mix is exhausted: take from the classes left, by remaining rows
                    int remaining = 0;
                    foreach (int l in left)
                    {
                        remaining += l;
                    }

                    int u = random.Next(remaining);
                    for (int k = 0; k < c; k++)
                    {
                        if (u < left[k])
                        {
                            pick = k;
                            break;
                        }

                        u -= left[k];
                    }
                }

                rows[r] = pools[pick][--left[pick]];
            }

            result[i] = rows;
        }

        return result;
    }
}
