using System.Runtime.InteropServices;
using AsyncFl.Backends;
using AsyncFl.Torch.Backends;
using TorchSharp;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Modules;

/// <summary>
/// Maps a module's tensors to one flat <c>float</c> vector and back: the parameters in
/// <c>named_parameters()</c> order, then (optionally) the floating-point buffers in <c>named_buffers()</c> order
/// (BatchNorm's running mean and variance).
/// </summary>
/// <remarks>
/// <para>Integer buffers (BatchNorm's <c>num_batches_tracked</c>) are never part of the vector: averaging a
/// counter as a float is meaningless, so they stay whatever the local module holds (each client's own count).</para>
/// <para>A map is built from one module and applies to every module of the same architecture (same names and
/// shapes, in the same order); applying it to another architecture throws.</para>
/// <para>All copies run under <c>torch.no_grad()</c>. Between a module and a <see cref="TorchVector"/> on the
/// same device they are device-side copies; with other vectors they go through host memory, without an
/// intermediate copy when the module's tensors are contiguous CPU tensors.</para>
/// </remarks>
public sealed class ModuleVectorMap
{
    private readonly ModuleVectorEntry[] _entries;

    private ModuleVectorMap(ModuleVectorEntry[] entries, bool includesBuffers)
    {
        _entries = entries;
        IncludesFloatingBuffers = includesBuffers;
        Length = entries.Length == 0 ? 0 : entries[^1].Offset + entries[^1].Length;
    }

    /// <summary>Builds the map of <paramref name="module"/>.</summary>
    /// <param name="module">The module.</param>
    /// <param name="includeFloatingBuffers">Whether floating-point buffers (running statistics) are part of the vector.</param>
    public static ModuleVectorMap Create(nn.Module module, bool includeFloatingBuffers = false)
    {
        ArgumentNullException.ThrowIfNull(module);
        var entries = new List<ModuleVectorEntry>();
        long offset = 0;
        foreach (var (name, t) in Collect(module, includeFloatingBuffers))
        {
            long n = t.numel();
            entries.Add(new ModuleVectorEntry(name, checked((int)offset), checked((int)n), t.shape, t is not TorchSharp.Modules.Parameter));
            offset += n;
        }

        _ = checked((int)offset);
        return new ModuleVectorMap([.. entries], includeFloatingBuffers);
    }

    /// <summary>Total number of floats in the vector.</summary>
    public int Length { get; }

    /// <summary>Whether floating-point buffers are included.</summary>
    public bool IncludesFloatingBuffers { get; }

    /// <summary>The tensors, in vector order.</summary>
    public IReadOnlyList<ModuleVectorEntry> Entries => _entries;

    /// <summary>Copies the module's tensors into <paramref name="destination"/> (length <see cref="Length"/>).</summary>
    /// <param name="module">A module of the mapped architecture.</param>
    /// <param name="destination">The flat vector.</param>
    public void CopyToVector(nn.Module module, ParameterVector destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        VectorKernelsAccess.CheckLength(destination.Length, Length);
        var tensors = Bind(module);
        if (destination is TorchVector tv)
        {
            using var scope = NewDisposeScope();
            using (no_grad())
            {
                for (int i = 0; i < _entries.Length; i++)
                {
                    var e = _entries[i];
                    tv.Tensor.narrow(0, e.Offset, e.Length).copy_(tensors[i].detach().reshape(-1));
                }
            }

            return;
        }

        var buffer = new float[Length];
        CopyTo(tensors, buffer);
        destination.CopyFrom(buffer);
    }

    /// <summary>Copies <paramref name="source"/> (length <see cref="Length"/>) into the module's tensors.</summary>
    /// <param name="source">The flat vector.</param>
    /// <param name="module">A module of the mapped architecture.</param>
    public void CopyFromVector(ParameterVector source, nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(source);
        VectorKernelsAccess.CheckLength(source.Length, Length);
        var tensors = Bind(module);
        if (source is TorchVector tv)
        {
            using var scope = NewDisposeScope();
            using (no_grad())
            {
                for (int i = 0; i < _entries.Length; i++)
                {
                    var e = _entries[i];
                    tensors[i].copy_(tv.Tensor.narrow(0, e.Offset, e.Length).view(e.Shape));
                }
            }

            return;
        }

        var buffer = new float[Length];
        source.CopyTo(buffer);
        CopyFrom(buffer, tensors);
    }

    /// <summary>Copies the module's tensors into a span of length <see cref="Length"/>.</summary>
    /// <param name="module">A module of the mapped architecture.</param>
    /// <param name="destination">The flat values.</param>
    public void CopyTo(nn.Module module, Span<float> destination)
    {
        VectorKernelsAccess.CheckLength(destination.Length, Length);
        CopyTo(Bind(module), destination);
    }

    /// <summary>Copies a span of length <see cref="Length"/> into the module's tensors.</summary>
    /// <param name="source">The flat values.</param>
    /// <param name="module">A module of the mapped architecture.</param>
    public void CopyFrom(ReadOnlySpan<float> source, nn.Module module)
    {
        VectorKernelsAccess.CheckLength(source.Length, Length);
        CopyFrom(source, Bind(module));
    }

    /// <summary>The module's tensors as a new array (allocates; for snapshots and tests).</summary>
    /// <param name="module">A module of the mapped architecture.</param>
    public float[] ToArray(nn.Module module)
    {
        var result = new float[Length];
        CopyTo(module, result);
        return result;
    }

    private void CopyTo(Tensor[] tensors, Span<float> destination)
    {
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            for (int i = 0; i < _entries.Length; i++)
            {
                var e = _entries[i];
                var t = tensors[i];
                var host = t.device_type == DeviceType.CPU && t.is_contiguous() && t.dtype == ScalarType.Float32
                    ? t
                    : t.detach().to(ScalarType.Float32, CPU).contiguous();
                MemoryMarshal.Cast<byte, float>(host.bytes).CopyTo(destination.Slice(e.Offset, e.Length));
            }
        }
    }

    private void CopyFrom(ReadOnlySpan<float> source, Tensor[] tensors)
    {
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            for (int i = 0; i < _entries.Length; i++)
            {
                var e = _entries[i];
                var t = tensors[i];
                var slice = source.Slice(e.Offset, e.Length);
                if (t.device_type == DeviceType.CPU && t.is_contiguous() && t.dtype == ScalarType.Float32)
                {
                    slice.CopyTo(MemoryMarshal.Cast<byte, float>(t.bytes));
                }
                else
                {
                    t.copy_(tensor(slice.ToArray(), e.Shape, ScalarType.Float32));
                }
            }
        }
    }

    private Tensor[] Bind(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var list = Collect(module, IncludesFloatingBuffers);
        if (list.Count != _entries.Length)
        {
            ThrowMismatch($"the module has {list.Count} mapped tensors, the map {_entries.Length}");
        }

        var result = new Tensor[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            var (name, t) = list[i];
            var e = _entries[i];
            if (name != e.Name || !t.shape.AsSpan().SequenceEqual(e.Shape))
            {
                ThrowMismatch($"tensor {i} is '{name}' [{string.Join(',', t.shape)}], the map expects '{e.Name}' [{string.Join(',', e.Shape)}]");
            }

            result[i] = t;
        }

        return result;
    }

    private static List<(string Name, Tensor Tensor)> Collect(nn.Module module, bool includeFloatingBuffers)
    {
        var list = new List<(string, Tensor)>();
        foreach (var (name, p) in module.named_parameters())
        {
            list.Add((name, p));
        }

        if (includeFloatingBuffers)
        {
            foreach (var (name, b) in module.named_buffers())
            {
                if (b.is_floating_point())
                {
                    list.Add((name, b));
                }
            }
        }

        return list;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowMismatch(string detail) =>
        throw new ArgumentException("The module does not match the map's architecture: " + detail + ".", "module");
}
