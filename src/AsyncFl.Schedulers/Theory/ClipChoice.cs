namespace AsyncFl.Schedulers.Theory;

/// <summary>A worker's clip choice for MindFlayer SGD.</summary>
/// <param name="Clip">t_i, the extra time allowed beyond τ_i (the attempt's time limit is τ_i + t_i).</param>
/// <param name="SuccessProbability">p_i = P(η_i ≤ t_i).</param>
/// <param name="EffectiveTime">τ̃_i = (τ_i + t_i)/p_i, the expected seconds per successful gradient (pessimistic bound).</param>
public readonly record struct ClipChoice(double Clip, double SuccessProbability, double EffectiveTime)
{
    /// <summary>The attempt's time limit τ_i + t_i for a base time τ_i.</summary>
    /// <param name="baseTime">τ_i.</param>
    /// <returns>The limit.</returns>
    public double TimeLimit(double baseTime) => baseTime + Clip;
}
