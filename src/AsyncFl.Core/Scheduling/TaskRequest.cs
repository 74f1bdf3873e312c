namespace AsyncFl;

/// <summary>A request for client work.</summary>
/// <param name="ClientId">The client that does the work.</param>
public readonly record struct TaskRequest(int ClientId)
{
    /// <summary>Local work: stochastic gradients to compute (b_i), local SGD steps or epochs, as the workload interprets it; ≥ 1.</summary>
    public int LocalSteps { get; init; } = 1;

    /// <summary>How many results the task sends (Shadowheart's m_i compressed uploads of the same local result); ≥ 1.</summary>
    public int Uploads { get; init; } = 1;

    /// <summary>The client's learning rate; <see cref="double.NaN"/> means the workload's own.</summary>
    public double ClientLearningRate { get; init; } = double.NaN;

    /// <summary>
    /// A learning-rate schedule the client follows, evaluated per local step or epoch (<see cref="LearningRateContext.Step"/>
    /// = its index) by the workload; it overrides <see cref="ClientLearningRate"/>. The seed paper's delay-aware rate
    /// (<see cref="DelayAwareLearningRate"/>) is one. Null for none.
    /// </summary>
    public ILearningRateSchedule? ClientLearningRateSchedule { get; init; }

    /// <summary>Seconds after the start after which the engine cancels the task as <see cref="TaskEndReason.TimedOut"/>
    /// (MindFlayer's clip, a patience); +∞ for none.</summary>
    public double TimeLimitSeconds { get; init; } = double.PositiveInfinity;

    /// <summary>A scheduler-defined tag (round number, attempt number), returned with results.</summary>
    public long Tag { get; init; }

    /// <summary>An unbiased compressor applied independently to each upload (Shadowheart's RandK); null for none.</summary>
    public IUpdateCompressor? Compressor { get; init; }
}
