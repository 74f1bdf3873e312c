using AsyncFl.Schedulers;

namespace AsyncFl;

/// <summary>Adds the automatic-mode choice of scheduler to a <see cref="FederatedServerBuilder"/>.</summary>
public static class AutoModeBuilderExtensions
{
    /// <summary>
    /// "training_mode = auto": uses the scheduler of <paramref name="decision"/> (<see cref="AutoMode.Decide"/>):
    /// minibatch SGD rounds, or Ringmaster B. The aggregator is the caller's to match: an SGD buffer that steps on the
    /// flush (normaliser m) for <see cref="TrainingMode.Synchronous"/>, one step per gradient for
    /// <see cref="TrainingMode.Asynchronous"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="decision">The decision.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddAuto(this FederatedServerBuilder builder, AutoModeDecision decision)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseScheduler(AutoMode.CreateScheduler(decision));
    }
}
