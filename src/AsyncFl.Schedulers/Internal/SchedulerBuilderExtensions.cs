using AsyncFl.Aggregators;
using AsyncFl.Schedulers;

namespace AsyncFl;

/// <summary>
/// Adds the schedulers of <c>AsyncFl.Schedulers</c> to a <see cref="FederatedServerBuilder"/>. <c>AddXxx</c> sets the
/// scheduler only; <c>AddXxxSgd</c> also sets the <see cref="SgdAggregator"/> configuration the method needs (buffer
/// size, normalisation) with server learning rate γ.
/// </summary>
public static class SchedulerBuilderExtensions
{
    /// <summary>Asynchronous SGD (vanilla, delay-adaptive or restricted to a subset).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (vanilla ASGD on all clients when null).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddAsgd(this FederatedServerBuilder builder, AsgdOptions? options = null) =>
        Use(builder).UseScheduler(new AsgdScheduler(options ?? new AsgdOptions()));

    /// <summary>Asynchronous SGD with an immediate SGD aggregator (<c>BufferSize = 1</c>, learning rate γ).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="learningRate">γ (delay-adaptive: the base γ).</param>
    /// <param name="options">The options.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddAsgdSgd(this FederatedServerBuilder builder, double learningRate, AsgdOptions? options = null)
    {
        if (options is { DelayAdaptive: true } && double.IsNaN(options.LearningRate))
        {
            // The delay-adaptive step γ·M/max(M, δ) is computed by the scheduler from the base γ: pass it on.
            options = new AsgdOptions
            {
                LearningRate = learningRate,
                DelayAdaptive = true,
                Concurrency = options.Concurrency,
                ActiveClients = options.ActiveClients,
                MaxDelay = options.MaxDelay,
                LocalSteps = options.LocalSteps,
            };
        }

        return builder.AddAsgd(options).AddSgd(StepPerGradient(learningRate));
    }

    /// <summary>Ringmaster ASGD.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (R = ∞ when null, i.e. plain ASGD).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddRingmaster(this FederatedServerBuilder builder, RingmasterOptions? options = null) =>
        Use(builder).UseScheduler(new RingmasterScheduler(options ?? new RingmasterOptions()));

    /// <summary>Ringmaster ASGD with an immediate SGD aggregator (<c>BufferSize = 1</c>, learning rate γ).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="learningRate">γ.</param>
    /// <param name="options">The options.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddRingmasterSgd(this FederatedServerBuilder builder, double learningRate, RingmasterOptions? options = null) =>
        builder.AddRingmaster(options).AddSgd(StepPerGradient(learningRate));

    /// <summary>Rennala SGD.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (S = 1 when null).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddRennala(this FederatedServerBuilder builder, RennalaOptions? options = null) =>
        Use(builder).UseScheduler(new RennalaScheduler(options ?? new RennalaOptions()));

    /// <summary>Rennala SGD with an SGD aggregator of buffer S and count normalisation (<c>x ← x − γ·Σg/S</c>).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="learningRate">γ.</param>
    /// <param name="options">The options.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddRennalaSgd(this FederatedServerBuilder builder, double learningRate, RennalaOptions? options = null)
    {
        options ??= new RennalaOptions();
        return builder.AddRennala(options).AddSgd(Sgd(learningRate, options.BatchSize, SgdNormalization.Count));
    }

    /// <summary>Shadowheart SGD.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddShadowheart(this FederatedServerBuilder builder, ShadowheartOptions options) =>
        Use(builder).UseScheduler(new ShadowheartScheduler(options));

    /// <summary>Shadowheart SGD with an SGD aggregator that only steps on the scheduler's flush (normaliser Z).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="learningRate">γ.</param>
    /// <param name="options">The options.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddShadowheartSgd(this FederatedServerBuilder builder, double learningRate, ShadowheartOptions options) =>
        builder.AddShadowheart(options).AddSgd(StepOnFlush(learningRate, SgdNormalization.None));

    /// <summary>MindFlayer SGD.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddMindFlayer(this FederatedServerBuilder builder, MindFlayerOptions options) =>
        Use(builder).UseScheduler(new MindFlayerScheduler(options));

    /// <summary>MindFlayer SGD with an SGD aggregator that only steps on the scheduler's flush (normaliser Σ p_i B_i).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="learningRate">γ.</param>
    /// <param name="options">The options.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddMindFlayerSgd(this FederatedServerBuilder builder, double learningRate, MindFlayerOptions options) =>
        builder.AddMindFlayer(options).AddSgd(StepOnFlush(learningRate, SgdNormalization.None));

    /// <summary>ATA / ATA-Empirical.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddAta(this FederatedServerBuilder builder, AtaOptions options) =>
        Use(builder).UseScheduler(new AtaScheduler(options));

    /// <summary>ATA with an SGD aggregator that steps on the scheduler's flush with the mean of the round's gradients.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="learningRate">γ.</param>
    /// <param name="options">The options.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddAtaSgd(this FederatedServerBuilder builder, double learningRate, AtaOptions options) =>
        builder.AddAta(options).AddSgd(StepOnFlush(learningRate, SgdNormalization.Count));

    /// <summary>Cohort squeeze.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddCohortSqueeze(this FederatedServerBuilder builder, CohortSqueezeOptions options) =>
        Use(builder).UseScheduler(new CohortSqueezeScheduler(options));

    /// <summary>Cohort squeeze with an SGD aggregator that steps on the scheduler's flush (Horvitz–Thompson estimate).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="learningRate">γ.</param>
    /// <param name="options">The options.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddCohortSqueezeSgd(this FederatedServerBuilder builder, double learningRate, CohortSqueezeOptions options) =>
        builder.AddCohortSqueeze(options).AddSgd(StepOnFlush(learningRate, SgdNormalization.None));

    /// <summary>Synchronous rounds (minibatch SGD / FedAvg baseline).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options (all clients every round when null).</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddSynchronousRounds(this FederatedServerBuilder builder, SynchronousRoundsOptions? options = null) =>
        Use(builder).UseScheduler(SynchronousRounds.Create(options ?? new SynchronousRoundsOptions()));

    /// <summary>Synchronous rounds with an SGD aggregator stepping once per round with the mean.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="learningRate">γ.</param>
    /// <param name="options">The options.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddSynchronousRoundsSgd(this FederatedServerBuilder builder, double learningRate, SynchronousRoundsOptions? options = null) =>
        builder.AddSynchronousRounds(options).AddSgd(StepOnFlush(learningRate, SgdNormalization.None));

    /// <summary>
    /// "training_mode = auto": decides with <see cref="AutoMode.Decide"/> and sets the scheduler (synchronous rounds
    /// or Ringmaster B) and the matching SGD aggregator.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="profile">The fleet profile.</param>
    /// <param name="learningRate">γ.</param>
    /// <param name="options">The rule's thresholds.</param>
    /// <returns>The builder.</returns>
    public static FederatedServerBuilder AddAuto(this FederatedServerBuilder builder, FleetProfile profile, double learningRate, AutoModeOptions? options = null)
    {
        var decision = AutoMode.Decide(profile, options);
        Use(builder).UseScheduler(AutoMode.CreateScheduler(decision));
        return decision.Mode == TrainingMode.Synchronous
            ? builder.AddSgd(StepOnFlush(learningRate, SgdNormalization.None))
            : builder.AddSgd(StepPerGradient(learningRate));
    }

    private static FederatedServerBuilder Use(FederatedServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder;
    }

    private static SgdAggregatorOptions Sgd(double learningRate, int bufferSize, SgdNormalization normalization) =>
        new() { LearningRate = learningRate, BufferSize = bufferSize, Normalization = normalization };

    // One server step per accepted gradient (the asynchronous methods).
    private static SgdAggregatorOptions StepPerGradient(double learningRate) =>
        Sgd(learningRate, 1, SgdNormalization.Count);

    // A buffer that never fills on its own: the server steps only when the round-based scheduler flushes it, with the
    // scheduler's normaliser (None) or the mean of the round's gradients (Count).
    private static SgdAggregatorOptions StepOnFlush(double learningRate, SgdNormalization normalization) =>
        Sgd(learningRate, int.MaxValue, normalization);
}
