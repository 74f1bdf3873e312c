namespace AsyncFl.Simulation.Objectives;

/// <summary>Options every simulation objective shares: what clients send back, the local step size, and
/// heterogeneity through per-client linear shifts.</summary>
public class ObjectiveOptions
{
    /// <summary>What a client returns: <see cref="UpdatePayloadKind.Gradient"/> (the mean of <c>LocalSteps</c>
    /// stochastic gradients at the base model), <see cref="UpdatePayloadKind.ModelDelta"/> (<c>LocalSteps</c> steps of
    /// local SGD, returning <c>x_end − x_base</c>) or <see cref="UpdatePayloadKind.Weights"/> (the same local SGD,
    /// returning the end weights <c>x_end</c>, as FedAsync's model mixing and FedAvg over weights expect).</summary>
    /// <value>The default value is <see cref="UpdatePayloadKind.Gradient"/>.</value>
    public UpdatePayloadKind PayloadKind { get; set; } = UpdatePayloadKind.Gradient;

    /// <summary>Local SGD step size used when the task's <see cref="ClientWork.LearningRate"/> is NaN.</summary>
    /// <value>The default value is 0.1.</value>
    public double DefaultLearningRate { get; set; } = 0.1;

    /// <summary>Number of clients with their own shifted objective (needed when <see cref="Heterogeneity"/> &gt; 0);
    /// 0 means all clients share the global objective.</summary>
    /// <value>The default value is 0.</value>
    public int ClientCount { get; set; }

    /// <summary>ζ: client <c>i</c> minimises <c>f_i(x) = f(x) + ⟨s_i, x⟩</c>, the shifts <c>s_i</c> having coordinates drawn
    /// from <c>N(0, ζ²/d)</c> and then centred so that <c>Σ_i s_i = 0</c> exactly (the average of the client
    /// objectives is the global one). For the quadratic this is client <c>i</c>'s own <c>b_i = b − s_i</c>.
    /// 0 gives IID clients.</summary>
    /// <value>The default value is 0.</value>
    public double Heterogeneity { get; set; }

    /// <summary>Seed for the problem's data (matrices, labels, shifts).</summary>
    /// <value>The default value is 0.</value>
    public long Seed { get; set; }

    /// <summary>Adds every problem with the shared options to <paramref name="errors"/>.</summary>
    /// <param name="errors">Receives the problems.</param>
    protected internal virtual void Validate(List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (PayloadKind is not (UpdatePayloadKind.Gradient or UpdatePayloadKind.ModelDelta or UpdatePayloadKind.Weights))
        {
            errors.Add($"PayloadKind = {PayloadKind}: only Gradient, ModelDelta and Weights are supported");
        }

        if (!double.IsFinite(DefaultLearningRate) || DefaultLearningRate <= 0)
        {
            errors.Add($"DefaultLearningRate = {DefaultLearningRate} must be finite and > 0");
        }

        if (ClientCount < 0)
        {
            errors.Add($"ClientCount = {ClientCount} must be ≥ 0");
        }

        if (!double.IsFinite(Heterogeneity) || Heterogeneity < 0)
        {
            errors.Add($"Heterogeneity = {Heterogeneity} must be finite and ≥ 0");
        }

        if (Heterogeneity > 0 && ClientCount == 0)
        {
            errors.Add("Heterogeneity > 0 needs ClientCount > 0");
        }
    }
}
