using System.Runtime.Intrinsics;

namespace AsyncFl.Kernels.Drivers;

/// <summary>
/// A reduction of one vector to a <typeparamref name="TResult"/>, run by <see cref="ReductionDriver"/>: lane-wise
/// accumulators over blocks of <see cref="BlockLength"/> elements, each block folded into the result, then the
/// elements after the last whole vector one by one.
/// </summary>
/// <typeparam name="TResult">The result type (e.g. a <see cref="double"/> sum).</typeparam>
internal interface IReductionOperator<TResult> :
    IReductionOperator<Vector128<float>, TResult>,
    IReductionOperator<Vector256<float>, TResult>,
    IReductionOperator<Vector512<float>, TResult>
{
    /// <summary>
    /// Gets the most elements accumulated in vector lanes before they are folded into the result (bounds the
    /// rounding error of float sums); <see cref="nuint.MaxValue"/> for one block.
    /// </summary>
    static abstract nuint BlockLength { get; }

    /// <summary>
    /// Gets whether the elements after the last whole vector may be covered by re-reading the last whole vector of
    /// the input (true for an idempotent reduction such as a maximum; a sum must take them one by one).
    /// </summary>
    static abstract bool OverlapTail { get; }

    /// <summary>Folds one element (after the last whole vector, or without SIMD) into the result.</summary>
    /// <returns>false when the result is final and the rest of the input need not be read.</returns>
    static abstract bool Fold(float x, ref TResult result);
}
