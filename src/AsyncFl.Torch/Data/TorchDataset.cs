using static TorchSharp.torch;

namespace AsyncFl.Torch.Data;

/// <summary>
/// A labelled data set held as two tensors: <see cref="Features"/> (<c>[N, …]</c>, <c>float32</c>) and
/// <see cref="Labels"/> (<c>[N]</c>, <c>int64</c>). Read-only after creation, so one instance may be read by many
/// threads at once (the trainer only calls <c>index_select</c> on it). Owns and disposes its tensors.
/// </summary>
public sealed class TorchDataset : IDisposable
{
    /// <summary>Wraps (takes ownership of) the two tensors.</summary>
    /// <param name="features">Features, first dimension N.</param>
    /// <param name="labels">Labels, shape [N], integer class indices.</param>
    public TorchDataset(Tensor features, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.dim() != 1 || features.dim() < 1 || features.shape[0] != labels.shape[0])
        {
            throw new ArgumentException(
                $"Features [{string.Join(',', features.shape)}] and labels [{string.Join(',', labels.shape)}] must share their first dimension, labels being 1-D.",
                nameof(labels));
        }

        Features = features.DetachFromDisposeScope();
        Labels = labels.dtype == ScalarType.Int64 ? labels.DetachFromDisposeScope() : ConvertLabels(labels);
        Count = checked((int)labels.shape[0]);
    }

    /// <summary>The features, <c>[N, …]</c>.</summary>
    public Tensor Features { get; }

    /// <summary>The labels, <c>[N]</c>, <c>int64</c>.</summary>
    public Tensor Labels { get; }

    /// <summary>Number of samples N.</summary>
    public int Count { get; }

    /// <summary>A new data set holding copies of the samples at <paramref name="indices"/>, in that order.</summary>
    /// <param name="indices">Sample indices in <c>[0, Count)</c>.</param>
    public TorchDataset Subset(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var idx = new long[indices.Count];
        for (int i = 0; i < idx.Length; i++)
        {
            int k = indices[i];
            if ((uint)k >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), k, $"Index {k} at position {i} is outside [0, {Count}).");
            }

            idx[i] = k;
        }

        using var scope = NewDisposeScope();
        using var index = tensor(idx, ScalarType.Int64);
        var f = Features.index_select(0, index);
        var l = Labels.index_select(0, index);
        return new TorchDataset(f, l);
    }

    /// <summary>The first <paramref name="count"/> samples (a copy).</summary>
    /// <param name="count">How many, at most <see cref="Count"/>.</param>
    public TorchDataset Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        return Subset(Enumerable.Range(0, count).ToArray());
    }

    /// <summary>
    /// Applies a partition (for example a Dirichlet label-skew partition from <c>AsyncFl.Simulation</c>): one data
    /// set per client, client <c>i</c> holding the samples <c>partition[i]</c>.
    /// </summary>
    /// <param name="partition">One index list per client.</param>
    public TorchDataset[] Partition(IReadOnlyList<IReadOnlyList<int>> partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        var result = new TorchDataset[partition.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = Subset(partition[i] ?? throw new ArgumentException($"partition[{i}] is null.", nameof(partition)));
        }

        return result;
    }

    /// <summary>The labels as a managed array (allocates).</summary>
    public int[] LabelArray()
    {
        using var scope = NewDisposeScope();
        return Labels.to(ScalarType.Int32).data<int>().ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }

    private static Tensor ConvertLabels(Tensor labels)
    {
        using var scope = NewDisposeScope();
        return labels.to(ScalarType.Int64).MoveToOuterDisposeScope().DetachFromDisposeScope();
    }
}
