// This file is compiled and run by tests/AsyncFl.Simulation.Tests (Docs/ExtendingGuideTests.cs) and by the packed
// packages' consumer tests/PackageTest; the tests also check that docs/extending.md shows it verbatim.
// EXTENDING-AGGREGATOR-BEGIN
using AsyncFl;
using AsyncFl.Aggregators;
using AsyncFl.Backends;

namespace Extending;

/// <summary>Options of <see cref="ServerMomentumAggregator"/>: every option validated, all problems reported at once.</summary>
public sealed class ServerMomentumOptions : AggregatorOptions
{
    /// <summary>Server learning rate η.</summary>
    public double LearningRate { get; set; } = 0.5;

    /// <summary>Momentum β in [0, 1).</summary>
    public double Momentum { get; set; } = 0.5;

    /// <summary>Deltas staler than this are rejected as TooStale.</summary>
    public long MaxStaleness { get; set; } = 20;

    public override IAggregator CreateAggregator(GlobalModel model)
    {
        Validate();
        return new ServerMomentumAggregator(model, (ServerMomentumOptions)MemberwiseClone());
    }

    protected override void AddErrors(List<string> errors)
    {
        base.AddErrors(errors);
        RequireFinite(errors, nameof(LearningRate), LearningRate, 0, exclusive: true);
        if (!(Momentum >= 0 && Momentum < 1))
        {
            errors.Add($"{nameof(Momentum)} must lie in [0, 1) (was {Format(Momentum)}).");
        }

        if (MaxStaleness < 0)
        {
            errors.Add($"{nameof(MaxStaleness)} must be ≥ 0 (was {MaxStaleness}).");
        }
    }
}

/// <summary>
/// Asynchronous SGD with server momentum: every accepted delta Δ (a pseudo-gradient enters as −g) updates
/// m ← β·m + s(τ)·Δ with s(τ) = 1/(1 + τ), then x ← x + η·m. The base class validates the untrusted update (length,
/// NaN/∞, sample count, future version, duplicate, client id, options), serialises writes and counts everything.
/// </summary>
public sealed class ServerMomentumAggregator : AggregatorBase
{
    private readonly ServerMomentumOptions _options;
    private readonly ParameterVector _momentum;

    public ServerMomentumAggregator(GlobalModel model, ServerMomentumOptions options)
        : base(model, options)
    {
        _options = options;
        _momentum = Backend.Allocate(Dimension); // allocated once: accepting an update allocates nothing
    }

    public override string Name => "ServerMomentum";

    protected override bool SupportsKind(UpdatePayloadKind kind) =>
        kind is UpdatePayloadKind.ModelDelta or UpdatePayloadKind.PseudoGradient;

    // Runs under the lock after the shared checks; must not change state.
    protected override RejectionReason ValidateLocked(ClientUpdate update, in SubmitOptions options, long staleness) =>
        staleness > _options.MaxStaleness ? RejectionReason.TooStale : RejectionReason.None;

    // Runs under the lock once the update is valid; a rejected update never gets here, so the model is untouched.
    protected override AcceptResult Accept(ClientUpdate update, in SubmitOptions options, long staleness)
    {
        double weight = options.Weight / (1.0 + staleness);
        Backend.Scale(_momentum, (float)_options.Momentum);
        Backend.AddScaled(_momentum, update.Payload, (float)(DeltaSign(update.Kind) * weight));
        Backend.AddScaled(Model.Parameters, _momentum, (float)_options.LearningRate);
        CompleteStep(); // bumps the version and counts the server step
        return new AcceptResult(Applied: true, Weight: weight);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _momentum.Dispose();
        }

        base.Dispose(disposing);
    }
}
// EXTENDING-AGGREGATOR-END
