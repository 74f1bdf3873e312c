using System.Diagnostics.CodeAnalysis;
using AsyncFl.Kernels;

namespace AsyncFl.Backends;

/// <summary>
/// The CPU parameter backend: <see cref="CpuVector"/>s operated on by <see cref="VectorKernels"/>
/// (hand-written Vector512/256/128 kernels; no TensorPrimitives call matched them, see docs/benchmarks.md). Thread-safe:
/// it holds no state.
/// </summary>
public sealed class CpuParameterBackend : IParameterBackend
{
    /// <summary>The shared instance (the backend is stateless).</summary>
    public static CpuParameterBackend Instance { get; } = new();

    private static readonly string NameText = $"cpu ({VectorKernels.ActivePath})";

    /// <inheritdoc />
    /// <value><c>"cpu (Vector512)"</c>, <c>"cpu (Vector256)"</c>, <c>"cpu (Vector128)"</c> or <c>"cpu (scalar)"</c>: the widest SIMD path the kernels use here.</value>
    public string Name => NameText;

    /// <inheritdoc />
    public ParameterVector Allocate(int length) => new CpuVector(this, length);

    /// <summary>Allocates a vector holding a copy of <paramref name="values"/>.</summary>
    /// <param name="values">The initial values.</param>
    public CpuVector FromSpan(ReadOnlySpan<float> values)
    {
        var v = new CpuVector(this, values.Length);
        values.CopyTo(v.Span);
        return v;
    }

    /// <inheritdoc />
    public void Fill(ParameterVector x, float value) => Own(x).Span.Fill(value);

    /// <inheritdoc />
    public void Copy(ParameterVector source, ParameterVector destination) =>
        VectorKernels.Copy(Own(source).Span, Own(destination).Span);

    /// <inheritdoc />
    public void Mix(ParameterVector x, ParameterVector y, float a) => VectorKernels.Mix(Own(x).Span, Own(y).Span, a);

    /// <inheritdoc />
    public void AddScaled(ParameterVector x, ParameterVector y, float w) => VectorKernels.AddScaled(Own(x).Span, Own(y).Span, w);

    /// <inheritdoc />
    public void Scale(ParameterVector x, float s) => VectorKernels.Scale(Own(x).Span, s);

    /// <inheritdoc />
    public double Dot(ParameterVector x, ParameterVector y) => VectorKernels.Dot(Own(x).Span, Own(y).Span);

    /// <inheritdoc />
    public double SquaredNorm(ParameterVector x) => VectorKernels.SquaredNorm(Own(x).Span);

    /// <inheritdoc />
    public unsafe void WeightedSum(ReadOnlySpan<ParameterVector> inputs, ReadOnlySpan<float> weights, ParameterVector destination)
    {
        var dst = Own(destination);
        if (inputs.Length != weights.Length)
        {
            throw new ArgumentException($"{inputs.Length} inputs but {weights.Length} weights.", nameof(weights));
        }

        Span<IntPtr> pointers = inputs.Length <= 64 ? stackalloc IntPtr[inputs.Length] : new IntPtr[inputs.Length];
        for (int k = 0; k < inputs.Length; k++)
        {
            var v = Own(inputs[k]);
            VectorKernels.CheckSameLength(v.Length, dst.Length);
            pointers[k] = (IntPtr)v.Pointer;
        }

        VectorKernels.WeightedSum(pointers, weights, dst.Pointer, dst.Length);
    }

    /// <inheritdoc />
    public bool IsAllFinite(ParameterVector x) => VectorKernels.IsAllFinite(Own(x).Span);

    /// <inheritdoc />
    public double MaxMagnitude(ParameterVector x) => VectorKernels.MaxMagnitude(Own(x).Span);

    /// <inheritdoc />
    public void AdaptiveStep(ParameterVector x, ParameterVector m, ParameterVector v, ParameterVector delta, in AdaptiveStepParameters parameters) =>
        VectorKernels.AdaptiveStep(Own(x).Span, Own(m).Span, Own(v).Span, Own(delta).Span, parameters);

    /// <inheritdoc />
    public void DelayCompensate(ParameterVector delta, ParameterVector current, ParameterVector baseModel, float lambda) =>
        VectorKernels.DelayCompensate(Own(delta).Span, Own(current).Span, Own(baseModel).Span, lambda);

    private CpuVector Own(ParameterVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        if (vector is not CpuVector cpu || !ReferenceEquals(vector.Backend, this) && vector.Backend is not CpuParameterBackend)
        {
            ThrowForeign(vector);
        }

        return (CpuVector)vector;
    }

    [DoesNotReturn]
    private static void ThrowForeign(ParameterVector vector) =>
        throw new ArgumentException(
            $"The vector belongs to backend '{vector.Backend.Name}', not to the CPU backend. Every operand must come from the same backend.",
            nameof(vector));
}
