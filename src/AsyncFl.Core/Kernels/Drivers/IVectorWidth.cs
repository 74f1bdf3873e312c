using System.Runtime.Intrinsics;

namespace AsyncFl.Kernels.Drivers;

/// <summary>
/// One SIMD width as a type argument: the few vector operations the drivers and kernels need, on
/// <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/>, <see cref="Vector128{T}"/> or a single <see cref="float"/>
/// (<see cref="Width512"/>, <see cref="Width256"/>, <see cref="Width128"/>, <see cref="ScalarWidth"/>).
/// </summary>
/// <remarks>
/// A kernel's loop is written once, generic over the vector type and its width type. Both type arguments are
/// structs, so the JIT compiles one copy of the loop per width with every static abstract call resolved at compile
/// time and inlined: no interface dispatch, no boxing. (The runtime's own <c>ISimdVector&lt;TSelf, T&gt;</c> would
/// do this job, but it is not public in .NET 10: naming it is error CS0246.)
/// <para>Loads and stores are not members: the loops use <c>Unsafe.ReadUnaligned&lt;TVector&gt;</c> and
/// <c>Unsafe.WriteUnaligned</c>, which the JIT expands inline even in Tier-0 code (the first ~0.2 s of a process,
/// before a method is recompiled optimised), whereas a call to a width member per vector made the Tier-0 loops
/// about 1.5× slower than the hand-written ones they replaced; <c>default(TVector)</c> is +0 in every lane.</para>
/// </remarks>
/// <typeparam name="TVector">The vector type, e.g. <c>Vector512&lt;float&gt;</c>.</typeparam>
internal interface IVectorWidth<TVector>
    where TVector : struct
{
    /// <summary>Gets the number of <see cref="float"/> lanes.</summary>
    static abstract int Count { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TVector Create(float value);

    /// <summary>Lane-wise <c>x + y</c>.</summary>
    static abstract TVector Add(TVector x, TVector y);

    /// <summary>Lane-wise <c>x · y</c>.</summary>
    static abstract TVector Multiply(TVector x, TVector y);

    /// <summary>Lane-wise <c>x / y</c>.</summary>
    static abstract TVector Divide(TVector x, TVector y);

    /// <summary>Lane-wise square root.</summary>
    static abstract TVector Sqrt(TVector x);

    /// <summary>Lane-wise <c>a · b + addend</c> rounded once.</summary>
    static abstract TVector FusedMultiplyAdd(TVector a, TVector b, TVector addend);
}
