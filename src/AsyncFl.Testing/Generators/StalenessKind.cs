namespace AsyncFl.Testing;

/// <summary>The staleness functions of <see cref="StalenessFunctions"/>, for <see cref="StalenessSpec"/>.</summary>
public enum StalenessKind
{
    /// <summary>s(τ) = 1.</summary>
    Constant = 0,

    /// <summary>s(τ) = (1 + τ)^−a.</summary>
    Polynomial = 1,

    /// <summary>s(τ) = 1/√(1 + τ).</summary>
    InverseSqrt = 2,

    /// <summary>1 if τ ≤ b, else 1/(a(τ − b) + 1).</summary>
    Hinge = 3,

    /// <summary>s(τ) = 1/(1 + βτ).</summary>
    Inverse = 4,

    /// <summary>s(τ) = e^−λτ.</summary>
    Exponential = 5,

    /// <summary>1 if τ ≤ cut-off, else a constant in [0, 1].</summary>
    Threshold = 6,
}
