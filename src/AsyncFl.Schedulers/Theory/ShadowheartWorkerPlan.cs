namespace AsyncFl.Schedulers.Theory;

/// <summary>One worker's share of a Shadowheart round.</summary>
/// <param name="Gradients">b_i = ⌊t*/h_i⌋ stochastic gradients.</param>
/// <param name="Uploads">m_i = ⌊t*/τ_i⌋ compressed uploads (capped; 1 when ω = 0).</param>
/// <param name="Weight">w_i = 1/(b_i ω + ω S + m_i S), 0 when inactive.</param>
public readonly record struct ShadowheartWorkerPlan(int Gradients, int Uploads, double Weight)
{
    /// <summary>Whether the worker takes part (b_i ≥ 1 and m_i ≥ 1).</summary>
    public bool Active => Gradients >= 1 && Uploads >= 1;
}
