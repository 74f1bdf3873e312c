namespace AsyncFl.Kernels.Drivers;

/// <summary><see cref="IUnaryOperator"/> at one width.</summary>
/// <typeparam name="TVector">The vector type (or <see cref="float"/>) the overload works on.</typeparam>
internal interface IUnaryOperator<TVector>
{
    /// <summary>f(x, s), lane-wise.</summary>
    static abstract TVector Invoke(TVector x, TVector s);
}
