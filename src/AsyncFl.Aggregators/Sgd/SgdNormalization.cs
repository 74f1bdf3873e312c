namespace AsyncFl.Aggregators;

/// <summary>How the server-SGD aggregator divides its accumulated step when the buffer is applied.</summary>
public enum SgdNormalization
{
    /// <summary>By the number of buffered updates (a mean: Rennala's <c>1/S</c>).</summary>
    Count = 0,

    /// <summary>By the sum of the buffered updates' <see cref="SubmitOptions.Weight"/>s.</summary>
    WeightSum = 1,

    /// <summary>Not at all (a plain sum).</summary>
    None = 2,
}
