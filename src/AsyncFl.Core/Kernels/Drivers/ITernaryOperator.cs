using System.Runtime.Intrinsics;

namespace AsyncFl.Kernels.Drivers;

/// <summary>An element-wise in-place operator of three vectors and a scalar, run by <see cref="TernaryDriver"/>: <c>x[i] = f(x[i], y[i], z[i], s)</c>.</summary>
/// <remarks>
/// An operator is a <c>readonly struct</c> whose overloads for <see cref="float"/>, <see cref="Vector128{T}"/>,
/// <see cref="Vector256{T}"/> and <see cref="Vector512{T}"/> compute the same IEEE operations in the same order, so
/// that every path of the driver gives bit-identical results.
/// </remarks>
internal interface ITernaryOperator :
    ITernaryOperator<float>,
    ITernaryOperator<Vector128<float>>,
    ITernaryOperator<Vector256<float>>,
    ITernaryOperator<Vector512<float>>
{
}
