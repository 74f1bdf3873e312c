using System.Globalization;

namespace AsyncFl.Scheduling;

/// <summary>Options of <see cref="SynchronousRoundsScheduler"/> (the FedAvg round).</summary>
public sealed class SynchronousRoundsSchedulerOptions
{
    /// <summary>Clients sampled per round (m); fewer when fewer are idle and available.</summary>
    /// <value>The default value is 10.</value>
    public int ClientsPerRound { get; set; } = 10;

    /// <summary>Draws the round's clients (without replacement: a chosen client is busy); null draws uniformly.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IClientSampler? Sampler { get; set; }

    /// <summary>Local work per task, ≥ 1.</summary>
    /// <value>The default value is 1.</value>
    public int LocalSteps { get; set; } = 1;

    /// <summary>Client learning rate; NaN for the workload's own.</summary>
    /// <value>The default value is <see cref="double.NaN"/>.</value>
    public double ClientLearningRate { get; set; } = double.NaN;

    /// <summary>
    /// Seconds after a round starts at which its unfinished tasks are cancelled and the round is aggregated with
    /// what arrived; +∞ waits for every client (dropped clients are simply missing).
    /// </summary>
    /// <value>The default value is <see cref="double.PositiveInfinity"/>.</value>
    public double RoundDeadlineSeconds { get; set; } = double.PositiveInfinity;

    /// <summary>How the round's buffer is normalised at the flush.</summary>
    /// <value>The default value is <see cref="FlushOptions.Default"/> (the aggregator's own convention).</value>
    public FlushOptions Flush { get; set; } = FlushOptions.Default;

    /// <summary>Checks every option; throws one <see cref="ArgumentException"/> listing all problems.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        var c = CultureInfo.InvariantCulture;
        if (ClientsPerRound < 1)
        {
            errors.Add(string.Create(c, $"ClientsPerRound must be ≥ 1 (was {ClientsPerRound})."));
        }

        if (LocalSteps < 1)
        {
            errors.Add(string.Create(c, $"LocalSteps must be ≥ 1 (was {LocalSteps})."));
        }

        if (!double.IsNaN(ClientLearningRate) && (!double.IsFinite(ClientLearningRate) || ClientLearningRate < 0))
        {
            errors.Add(string.Create(c, $"ClientLearningRate must be finite and ≥ 0, or NaN (was {ClientLearningRate})."));
        }

        if (double.IsNaN(RoundDeadlineSeconds) || RoundDeadlineSeconds <= 0)
        {
            errors.Add(string.Create(c, $"RoundDeadlineSeconds must be > 0 (+∞ for none) (was {RoundDeadlineSeconds})."));
        }

        if (!double.IsNaN(Flush.Normalizer) && (!double.IsFinite(Flush.Normalizer) || Flush.Normalizer < 0))
        {
            errors.Add(string.Create(c, $"Flush.Normalizer must be finite and ≥ 0, or NaN (was {Flush.Normalizer})."));
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SynchronousRoundsSchedulerOptions: " + string.Join(" ", errors));
        }
    }

    internal SynchronousRoundsSchedulerOptions Clone() => (SynchronousRoundsSchedulerOptions)MemberwiseClone();
}
