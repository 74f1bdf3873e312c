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
