namespace AsyncFl.Backends;

/// <summary>The second-moment rule of a FedOpt step.</summary>
public enum AdaptiveRule
{
    /// <summary>FedAdagrad: <c>v = v + Δ²</c>.</summary>
    Adagrad = 0,

    /// <summary>FedAdam: <c>v = β2·v + (1 − β2)·Δ²</c>.</summary>
    Adam = 1,

    /// <summary>FedYogi: <c>v = v − (1 − β2)·Δ²·sign(v − Δ²)</c>.</summary>
    Yogi = 2,
}
