using System.Runtime.Intrinsics;

namespace AsyncFl.Kernels.Drivers;

/// <summary>An element-wise in-place operator of two vectors and a scalar, run by <see cref="BinaryDriver"/>: <c>x[i] = f(x[i], y[i], s)</c>.</summary>
/// <remarks>
/// An operator is a <c>readonly struct</c> whose overloads for <see cref="float"/>, <see cref="Vector128{T}"/>,
/// <see cref="Vector256{T}"/> and <see cref="Vector512{T}"/> compute the same IEEE operations in the same order, so
/// that every path of the driver gives bit-identical results.
/// </remarks>
internal interface IBinaryOperator :
    IBinaryOperator<float>,
    IBinaryOperator<Vector128<float>>,
    IBinaryOperator<Vector256<float>>,
    IBinaryOperator<Vector512<float>>
{
}
