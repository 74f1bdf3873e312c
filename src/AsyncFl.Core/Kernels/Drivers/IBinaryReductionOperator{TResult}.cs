using System.Runtime.Intrinsics;

namespace AsyncFl.Kernels.Drivers;

/// <summary>
/// A reduction of two vectors to a <typeparamref name="TResult"/>, run by <see cref="BinaryReductionDriver"/>; the
/// same block protocol as <see cref="IReductionOperator{TResult}"/> (without an overlapped tail).
/// </summary>
/// <typeparam name="TResult">The result type (e.g. a <see cref="double"/> sum).</typeparam>
internal interface IBinaryReductionOperator<TResult> :
    IBinaryReductionOperator<Vector128<float>, TResult>,
    IBinaryReductionOperator<Vector256<float>, TResult>,
    IBinaryReductionOperator<Vector512<float>, TResult>
{
    /// <summary>Gets the most elements accumulated in vector lanes before they are folded into the result.</summary>
    static abstract nuint BlockLength { get; }

    /// <summary>Folds one pair of elements (after the last whole vector, or without SIMD) into the result.</summary>
    /// <returns>false when the result is final.</returns>
    static abstract bool Fold(float x, float y, ref TResult result);
}
