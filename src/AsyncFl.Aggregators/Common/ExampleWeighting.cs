namespace AsyncFl.Aggregators;

/// <summary>How an update's sample count <c>n</c> enters its weight <c>e(n)</c> (FLSim's example weights, spec §3.2).</summary>
public enum ExampleWeighting
{
    /// <summary><c>e(n) = 1</c> (the FedBuff paper's uniform average).</summary>
    Equal = 0,

    /// <summary><c>e(n) = n</c> (FedAvg's and the seed paper's dataset-size weighting).</summary>
    Linear = 1,

    /// <summary><c>e(n) = √n</c>.</summary>
    Sqrt = 2,

    /// <summary><c>e(n) = log10(1 + n)</c>.</summary>
    Log10 = 3,
}

/// <summary>Evaluates <see cref="ExampleWeighting"/>.</summary>
public static class ExampleWeights
{
    /// <summary>The weight <c>e(n)</c> for <paramref name="sampleCount"/> &gt; 0.</summary>
    /// <param name="weighting">The rule.</param>
    /// <param name="sampleCount">The sample count.</param>
    public static double Of(ExampleWeighting weighting, int sampleCount) => weighting switch
    {
        ExampleWeighting.Linear => sampleCount,
        ExampleWeighting.Sqrt => Math.Sqrt(sampleCount),
        ExampleWeighting.Log10 => Math.Log10(1.0 + sampleCount),
        _ => 1.0,
    };
}

/// <summary>How a buffered aggregator divides the buffered weighted sum <c>Σ ωᵢΔᵢ</c> before the server step.</summary>
public enum BufferNormalization
{
    /// <summary>By the number of buffered updates: <c>ḡ = acc / K</c> on a full buffer (the FedBuff paper's convention).</summary>
    Count = 0,

    /// <summary>By the sum of the weights: <c>ḡ = acc / Σ ωᵢ</c> (a weighted mean; the seed paper's and spec §4.3's default).</summary>
    WeightSum = 1,
}
