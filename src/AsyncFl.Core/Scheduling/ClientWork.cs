namespace AsyncFl;

/// <summary>The work a client is asked to do.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="LocalSteps">Gradients, steps or epochs.</param>
/// <param name="LearningRate">The client learning rate, or NaN for the workload's default.</param>
/// <param name="TaskId">The engine's task id.</param>
public readonly record struct ClientWork(int ClientId, int LocalSteps, double LearningRate, long TaskId)
{
    /// <summary>The task's learning-rate schedule (<see cref="TaskRequest.ClientLearningRateSchedule"/>), or null.</summary>
    public ILearningRateSchedule? LearningRateSchedule { get; init; }

    /// <summary>The model version the work starts from.</summary>
    public ModelVersion BaseVersion { get; init; }

    /// <summary>
    /// The learning rate of local step (or epoch) <paramref name="step"/>: the schedule's when there is one, else
    /// <see cref="LearningRate"/>, else <paramref name="workloadDefault"/>.
    /// </summary>
    /// <param name="step">The local step or epoch index k (0-based).</param>
    /// <param name="workloadDefault">The workload's own rate.</param>
    /// <param name="delaySeconds">A delay for wall-clock-delay schedules (the seed paper's configured delay D); 0 when unknown.</param>
    /// <returns>The rate, finite and ≥ 0.</returns>
    public double RateAt(long step, double workloadDefault, double delaySeconds = 0)
    {
        if (LearningRateSchedule is { } schedule)
        {
            double rate = schedule.GetRate(new LearningRateContext { Step = step, DelaySeconds = delaySeconds });
            if (!double.IsFinite(rate) || rate < 0)
            {
                throw new InvalidOperationException($"The learning-rate schedule {schedule.Name} returned {rate} for step {step}: a rate must be finite and ≥ 0.");
            }

            return rate;
        }

        return double.IsNaN(LearningRate) ? workloadDefault : LearningRate;
    }
}
