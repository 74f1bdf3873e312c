namespace AsyncFl.Aggregators;

/// <summary>
/// Options of the version-aware aggregator (spec §4.3): FedBuff's buffer plus a ring of the last
/// <see cref="RetainedVersions"/> model snapshots and optional DC-ASGD compensation. Defaults: K = 10,
/// <c>s(τ) = 1/√(1 + τ)</c>, <c>ḡ = Σ ωΔ / Σ ω</c>, SGD η = 1, 8 snapshots, no compensation.
/// </summary>
public sealed class VersionAwareOptions : BufferedAggregatorOptions
{
    /// <summary>Creates options with the spec §4.3 defaults.</summary>
    public VersionAwareOptions()
    {
        Normalization = BufferNormalization.WeightSum;
    }

    /// <summary>
    /// Number W ≥ 1 of model snapshots kept (versions <c>v − W + 1 … v</c>): Weights payloads and DC compensation
    /// need the update's base; a base outside the window is rejected (<see cref="RejectionReason.OutsideRetainedWindow"/>).
    /// Memory: W × the model.
    /// </summary>
    /// <value>The default value is 8.</value>
    public int RetainedVersions { get; set; } = 8;

    /// <summary>DC-ASGD strength λ ≥ 0 in <c>Δ̃ = Δ − λ·Δ⊙Δ⊙(x_now − x_base)</c>; 0 turns compensation off
    /// (MXNet's DCASGD default is 0.04).</summary>
    /// <value>The default value is 0.</value>
    public double DelayCompensation { get; set; }

    internal override int RetainedVersionsSetting => RetainedVersions;

    internal override double DelayCompensationSetting => DelayCompensation;

    /// <inheritdoc />
    protected override void AddErrors(List<string> errors)
    {
        base.AddErrors(errors);
        if (RetainedVersions < 1)
        {
            errors.Add($"{nameof(RetainedVersions)} must be ≥ 1 (was {RetainedVersions}).");
        }

        RequireFinite(errors, nameof(DelayCompensation), DelayCompensation, 0);
    }

    /// <inheritdoc />
    public override IAggregator CreateAggregator(GlobalModel model)
    {
        Validate();
        return new VersionAwareAggregator(model, Clone());
    }

    internal VersionAwareOptions Clone() => (VersionAwareOptions)MemberwiseClone();
}
