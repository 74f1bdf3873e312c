namespace AsyncFl.Kernels.Drivers;

/// <summary><see cref="IBinaryOperator"/> at one width.</summary>
/// <typeparam name="TVector">The vector type (or <see cref="float"/>) the overload works on.</typeparam>
internal interface IBinaryOperator<TVector>
{
    /// <summary>f(x, y, s), lane-wise.</summary>
    static abstract TVector Invoke(TVector x, TVector y, TVector s);
}
