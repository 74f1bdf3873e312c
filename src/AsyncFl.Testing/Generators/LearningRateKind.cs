namespace AsyncFl.Testing;

/// <summary>The learning-rate schedules of AsyncFl.Core, for <see cref="LearningRateSpec"/>.</summary>
public enum LearningRateKind
{
    /// <summary><see cref="ConstantLearningRate"/>.</summary>
    Constant = 0,

    /// <summary><see cref="DelayAdaptiveLearningRate"/>.</summary>
    DelayAdaptive = 1,

    /// <summary><see cref="DelayAwareLearningRate"/>.</summary>
    DelayAware = 2,
}
