namespace AsyncFl;

/// <summary>Which delay <c>d</c> the seed paper's <see cref="DelayAwareLearningRate"/> divides by (spec §1.1).</summary>
public enum DelayMeasure
{
    /// <summary>The update's observed staleness in server versions (<see cref="LearningRateContext.Staleness"/>); the
    /// paper's wording, and the default.</summary>
    ObservedStaleness = 0,

    /// <summary>A configured constant maximum delay (the authors' code: <c>delay_t = 2</c> s), making the factor
    /// <c>1/(1 + α·D)</c> a constant.</summary>
    ConfiguredMaxDelay = 1,

    /// <summary>The previous round's spread <c>max(exec_time) − min(exec_time)</c>, passed by the caller in
    /// <see cref="LearningRateContext.DelaySeconds"/> (the earlier 2412.17723 code).</summary>
    LastRoundSpread = 2,
}
