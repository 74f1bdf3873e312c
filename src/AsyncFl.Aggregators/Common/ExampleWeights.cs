namespace AsyncFl.Aggregators;

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
