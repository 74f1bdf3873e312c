namespace AsyncFl.Simulation.Partitioning;

/// <summary>
/// Dirichlet label skew per class ("hetero-dir", Yurochkin et al. 2019) with Flower Datasets' semantics
/// (aggregation spec §7.3): for each class (sorted labels), draw <c>q ~ Dir(α)</c> over the N partitions and split the
/// class's rows (shuffled) in proportion; accept when every partition has at least <c>MinPartitionSize</c> rows,
/// otherwise redraw, at most <c>MaxRetries</c> times. Partition sizes come out unequal. Results do not bit-match NumPy.
/// </summary>
public sealed class DirichletPerClassPartitioner : IPartitioner
{
    private readonly double[] _alpha;
    private readonly DirichletPerClassOptions _o;

    /// <summary>Creates the partitioner (options validated and copied).</summary>
    /// <param name="options">The options.</param>
    public DirichletPerClassPartitioner(DirichletPerClassOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.PartitionCount < 1)
        {
            errors.Add($"PartitionCount = {options.PartitionCount} must be ≥ 1");
        }

        if (options.Alphas is { } alphas)
        {
            if (alphas.Count != options.PartitionCount)
            {
                errors.Add($"Alphas has {alphas.Count} entries; PartitionCount is {options.PartitionCount}");
            }

            for (int i = 0; i < alphas.Count; i++)
            {
                if (!double.IsFinite(alphas[i]) || alphas[i] <= 0)
                {
                    errors.Add($"Alphas[{i}] = {alphas[i]} must be finite and > 0");
                }
            }
        }
        else if (!double.IsFinite(options.Alpha) || options.Alpha <= 0)
        {
            errors.Add($"Alpha = {options.Alpha} must be finite and > 0");
        }

        if (options.MinPartitionSize < 0)
        {
            errors.Add($"MinPartitionSize = {options.MinPartitionSize} must be ≥ 0");
        }

        if (options.MaxRetries < 0)
        {
            errors.Add($"MaxRetries = {options.MaxRetries} must be ≥ 0");
        }

        if (!Enum.IsDefined(options.Remainder))
        {
            errors.Add($"Remainder = {options.Remainder} is not a defined policy");
        }

        Validation.Throw(errors, "DirichletPerClass options");
        _o = new DirichletPerClassOptions
        {
            PartitionCount = options.PartitionCount,
            Alpha = options.Alpha,
            Alphas = options.Alphas is null ? null : [.. options.Alphas],
            MinPartitionSize = options.MinPartitionSize,
            SelfBalancing = options.SelfBalancing,
            Shuffle = options.Shuffle,
            Seed = options.Seed,
            MaxRetries = options.MaxRetries,
            Remainder = options.Remainder,
        };
        _alpha = new double[options.PartitionCount];
        for (int i = 0; i < _alpha.Length; i++)
        {
            _alpha[i] = options.Alphas?[i] ?? options.Alpha;
        }
    }

    /// <inheritdoc />
    public int PartitionCount => _alpha.Length;

    /// <summary>Number of attempts the last call to <see cref="Partition"/> needed (1 = first draw accepted).</summary>
    public int LastAttempts { get; private set; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">More partitions than rows.</exception>
    /// <exception cref="PartitioningException">No draw met the minimum size within the retry limit.</exception>
    public int[][] Partition(ReadOnlySpan<int> labels)
    {
        int n = PartitionCount;
        if (n > labels.Length)
        {
            throw new ArgumentException($"PartitionCount = {n} exceeds the number of rows ({labels.Length}).", nameof(labels));
        }

        (_, int[][] byClass) = PartitionHelpers.GroupByLabel(labels);
        var random = new RandomSource(_o.Seed);
        double avg = (double)labels.Length / n;
        var q = new double[n];
        var parts = new List<int>[n];
        int bestMin = -1;
        for (int attempt = 0; attempt <= _o.MaxRetries; attempt++)
        {
            for (int i = 0; i < n; i++)
            {
                parts[i] = [];
            }

            foreach (int[] classRows in byClass)
            {
                int[] rows = (int[])classRows.Clone();
                PartitionHelpers.Shuffle(rows.AsSpan(), random);
                PartitionHelpers.Dirichlet(_alpha, q, random);
                if (_o.SelfBalancing)
                {
                    Balance(q, parts, avg);
                }

                Split(rows, q, parts, random);
            }

            int min = int.MaxValue;
            foreach (List<int> p in parts)
            {
                min = Math.Min(min, p.Count);
            }

            bestMin = Math.Max(bestMin, min);
            if (min >= _o.MinPartitionSize)
            {
                LastAttempts = attempt + 1;
                if (_o.Shuffle)
                {
                    foreach (List<int> p in parts)
                    {
                        PartitionHelpers.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(p), random);
                    }
                }

                return PartitionHelpers.ToArrays(parts);
            }
        }

        LastAttempts = _o.MaxRetries + 1;
        throw new PartitioningException(
            $"DirichletPerClass: after {_o.MaxRetries + 1} attempts no draw gave every one of the {n} partitions at least " +
            $"MinPartitionSize = {_o.MinPartitionSize} rows (best smallest partition: {bestMin} rows; {labels.Length} rows, " +
            $"α = {(_o.Alphas is null ? _alpha[0].ToString(System.Globalization.CultureInfo.InvariantCulture) : "per-partition")}). " +
            "Increase alpha, lower MinPartitionSize or PartitionCount, or raise MaxRetries.");
    }

    private static void Balance(double[] q, List<int>[] parts, double avg)
    {
        double sum = 0;
        var zeroed = new bool[q.Length];
        for (int i = 0; i < q.Length; i++)
        {
            if (parts[i].Count > avg)
            {
                zeroed[i] = true;
            }
            else
            {
                sum += q[i];
            }
        }

        if (sum <= 0)
        {
            return; // every partition is over the average: keep the unbalanced draw (Flower would divide by zero)
        }

        for (int i = 0; i < q.Length; i++)
        {
            q[i] = zeroed[i] ? 0 : q[i] / sum;
        }
    }

    private void Split(int[] rows, double[] q, List<int>[] parts, RandomSource random)
    {
        int count = rows.Length;
        int n = q.Length;
        if (_o.Remainder == RemainderPolicy.CumsumFloor)
        {
            double cum = 0;
            int start = 0;
            for (int i = 0; i < n; i++)
            {
                int end;
                if (i == n - 1)
                {
                    end = count;
                }
                else
                {
                    cum += q[i];
                    end = Math.Clamp((int)Math.Floor(cum * count), start, count);
                }

                for (int k = start; k < end; k++)
                {
                    parts[i].Add(rows[k]);
                }

                start = end;
            }

            return;
        }

        int at = 0;
        for (int i = 0; i < n; i++)
        {
            int take = Math.Min((int)Math.Floor(q[i] * count), count - at);
            for (int k = 0; k < take; k++)
            {
                parts[i].Add(rows[at++]);
            }
        }

        if (_o.Remainder == RemainderPolicy.RandomAssign)
        {
            for (; at < count; at++)
            {
                parts[random.Next(n)].Add(rows[at]);
            }
        }
    }
}
