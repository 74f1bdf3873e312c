using System.Runtime.Intrinsics;

namespace AsyncFl.Kernels.Drivers;

/// <summary>An element-wise operator of one vector and a scalar, run by <see cref="UnaryDriver"/>: <c>destination[i] = f(x[i], s)</c>.</summary>
/// <remarks>
/// An operator is a <c>readonly struct</c> whose overloads for <see cref="float"/>, <see cref="Vector128{T}"/>,
/// <see cref="Vector256{T}"/> and <see cref="Vector512{T}"/> compute the same IEEE operations in the same order, so
/// that every path of the driver gives bit-identical results.
/// </remarks>
internal interface IUnaryOperator :
    IUnaryOperator<float>,
    IUnaryOperator<Vector128<float>>,
    IUnaryOperator<Vector256<float>>,
    IUnaryOperator<Vector512<float>>
{
}
