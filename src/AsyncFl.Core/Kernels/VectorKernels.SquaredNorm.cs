using AsyncFl.Kernels.Drivers;

namespace AsyncFl.Kernels;

public static partial class VectorKernels
{
    /// <summary>The squared Euclidean norm <c>Σ x[i]²</c>.</summary>
    /// <remarks>
    /// Exactly <c>Dot(x, x)</c>, bit for bit: squares accumulated with fused multiply-adds in <see cref="float"/>
    /// lanes per block of 4096 elements, block sums and the scalar tail (exact squares) in <see cref="double"/>. A NaN
    /// element gives NaN, an infinite one +∞. 0 when <paramref name="x"/> is empty.
    /// </remarks>
    /// <param name="x">The vector.</param>
    /// <returns>The sum of squares.</returns>
    public static unsafe double SquaredNorm(ReadOnlySpan<float> x)
    {
        // The dot product of x with itself, two loads of every vector (BinaryReductionDriver.Reduce is never inlined,
        // so the JIT cannot merge them). A one-load loop was tried twice (a one-input reduction, then the inlined
        // Dot(x, x)): 1.1–1.2× faster up to d = 10⁶ but 0.85–0.93 of this kernel's speed at d = 10⁷, where the data
        // comes from DRAM (interleaved --compare-build runs; IsAllFinite, one load per vector, is as slow there). An
        // aggregator's vectors are large, so the kernel stays as it was.
        fixed (float* px = x)
        {
            return BinaryReductionDriver.Reduce<DotOperator, double>(px, px, (nuint)x.Length, 0.0);
        }
    }
}
