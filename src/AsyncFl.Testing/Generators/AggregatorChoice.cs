namespace AsyncFl.Testing;

/// <summary>The built-in aggregators a generated <see cref="RunConfiguration"/> draws from.</summary>
public enum AggregatorChoice
{
    /// <summary>Asynchronous SGD on gradients (<c>SgdAggregatorOptions</c>).</summary>
    Sgd = 0,

    /// <summary>FedAsync on weights (<c>FedAsyncOptions</c>).</summary>
    FedAsync = 1,

    /// <summary>FedBuff on deltas (<c>FedBuffOptions</c>).</summary>
    FedBuff = 2,

    /// <summary>CA²FL on deltas (<c>Ca2FlOptions</c>).</summary>
    Ca2Fl = 3,
}
