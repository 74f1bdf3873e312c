namespace AsyncFl.Aggregators;

/// <summary>What <see cref="AggregatorBase"/>'s <c>FlushCore</c> reports.</summary>
public enum FlushResult
{
    /// <summary>Nothing to apply (an empty buffer, a zero normaliser): the version is unchanged.</summary>
    Nothing = 0,

    /// <summary>A server step was taken and the version bumped.</summary>
    Stepped = 1,

    /// <summary>The step would have made the model non-finite: the buffer was dropped, the model is unchanged.</summary>
    Refused = 2,
}
