namespace AsyncFl.Kernels.Drivers;

/// <summary><see cref="IReductionOperator{TResult}"/> at one vector width.</summary>
/// <typeparam name="TVector">The vector type.</typeparam>
/// <typeparam name="TResult">The result type.</typeparam>
internal interface IReductionOperator<TVector, TResult>
{
    /// <summary>Accumulates one vector of input into an accumulator (every accumulator starts at +0).</summary>
    static abstract TVector Accumulate(TVector accumulator, TVector x);

    /// <summary>Folds the four accumulators of a block into the result.</summary>
    /// <returns>false when the result is final and the rest of the input need not be read.</returns>
    static abstract bool Fold(TVector a0, TVector a1, TVector a2, TVector a3, ref TResult result);
}
