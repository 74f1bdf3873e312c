namespace AsyncFl.Training;

/// <summary>
/// The seed paper's client-side early stopping (spec §1.5): after each local epoch with mean loss <c>L</c>, if
/// <c>L &lt; best − minDelta</c> then <c>best ← L</c> and the counter resets, else the counter grows; stop when it
/// reaches the patience. State is per local training run: call <see cref="Reset"/> at the start of each.
/// </summary>
/// <remarks>With the code's E = 10 local epochs and patience 10 the rule can never fire (epoch 0 always improves);
/// RAFL uses <c>minDelta = 1e-9</c>. A NaN loss never counts as an improvement. Not thread-safe (one per client run).</remarks>
public sealed class EarlyStopping
{
    /// <summary>Creates the rule.</summary>
    /// <param name="patience">Non-improving epochs tolerated, ≥ 1 (the code's default 10).</param>
    /// <param name="minDelta">Required improvement ≥ 0 (0: any strict decrease).</param>
    public EarlyStopping(int patience = 10, double minDelta = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(patience, 1);
        if (!double.IsFinite(minDelta) || minDelta < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(minDelta), minDelta, $"'{nameof(minDelta)}' must be a finite number ≥ 0.");
        }

        Patience = patience;
        MinDelta = minDelta;
    }

    /// <summary>The patience.</summary>
    public int Patience { get; }

    /// <summary>The required improvement.</summary>
    public double MinDelta { get; }

    /// <summary>The best loss so far (+∞ before the first epoch).</summary>
    public double BestLoss { get; private set; } = double.PositiveInfinity;

    /// <summary>Consecutive non-improving epochs.</summary>
    public int Counter { get; private set; }

    /// <summary>Records one epoch's mean loss.</summary>
    /// <param name="epochLoss">The loss.</param>
    /// <returns>Whether training should stop now.</returns>
    public bool Observe(double epochLoss)
    {
        if (epochLoss < BestLoss - MinDelta)
        {
            BestLoss = epochLoss;
            Counter = 0;
            return false;
        }

        Counter++;
        return Counter >= Patience;
    }

    /// <summary>Starts a new local training run.</summary>
    public void Reset()
    {
        BestLoss = double.PositiveInfinity;
        Counter = 0;
    }
}
