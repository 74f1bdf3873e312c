namespace AsyncFl.Aggregators;

/// <summary>How a buffered aggregator divides the buffered weighted sum <c>Σ ωᵢΔᵢ</c> before the server step.</summary>
public enum BufferNormalization
{
    /// <summary>By the number of buffered updates: <c>ḡ = acc / K</c> on a full buffer (the FedBuff paper's convention).</summary>
    Count = 0,

    /// <summary>By the sum of the weights: <c>ḡ = acc / Σ ωᵢ</c> (a weighted mean; the seed paper's and spec §4.3's default).</summary>
    WeightSum = 1,
}
