namespace AsyncFl.Kernels.Drivers;

/// <summary><see cref="ITernaryOperator"/> at one width.</summary>
/// <typeparam name="TVector">The vector type (or <see cref="float"/>) the overload works on.</typeparam>
internal interface ITernaryOperator<TVector>
{
    /// <summary>f(x, y, z, s), lane-wise.</summary>
    static abstract TVector Invoke(TVector x, TVector y, TVector z, TVector s);
}
