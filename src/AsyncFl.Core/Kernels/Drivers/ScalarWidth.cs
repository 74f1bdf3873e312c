using System.Runtime.CompilerServices;

namespace AsyncFl.Kernels.Drivers;

/// <summary>
/// The scalar "width" (one <see cref="float"/>) of <see cref="IVectorWidth{TVector}"/>: the path without SIMD, and
/// inputs shorter than one <c>Vector128</c>. Running it through the same loop as the vector widths keeps every
/// formula in one place, so the scalar path cannot drift from the vector ones.
/// </summary>
internal readonly struct ScalarWidth : IVectorWidth<float>
{
    public static int Count => 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Create(float value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Add(float x, float y) => x + y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Multiply(float x, float y) => x * y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Divide(float x, float y) => x / y;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sqrt(float x) => MathF.Sqrt(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float FusedMultiplyAdd(float a, float b, float addend) => MathF.FusedMultiplyAdd(a, b, addend);
}
