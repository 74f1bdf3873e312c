namespace AsyncFl.Simulation.Objectives;

/// <summary>Options shared by the finite-sum (data) objectives.</summary>
public abstract class FiniteSumOptions : ObjectiveOptions
{
    /// <summary>Minibatch size of one stochastic gradient (rows drawn uniformly with replacement from the client's rows).</summary>
    /// <value>The default value is 32.</value>
    public int BatchSize { get; set; } = 32;

    /// <summary>λ of the L2 term <c>(λ/2)‖x‖²</c>.</summary>
    /// <value>The default value is 0.</value>
    public double L2 { get; set; }

    /// <summary>Optional data partition (e.g. from an <see cref="Partitioning.IPartitioner"/>): client <c>i</c> draws its
    /// minibatches from rows <c>ClientRows[i]</c> only, and its <see cref="ClientUpdate.SampleCount"/> is their number.
    /// Null: every client samples from all rows (IID).</summary>
    /// <value>The default value is null.</value>
    public IReadOnlyList<int[]>? ClientRows { get; set; }

    /// <inheritdoc />
    protected internal override void Validate(List<string> errors)
    {
        base.Validate(errors);
        if (BatchSize < 1)
        {
            errors.Add($"BatchSize = {BatchSize} must be ≥ 1");
        }

        if (!double.IsFinite(L2) || L2 < 0)
        {
            errors.Add($"L2 = {L2} must be finite and ≥ 0");
        }
    }
}
