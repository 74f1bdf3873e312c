namespace AsyncFl;

/// <summary>Factory of the built-in staleness functions (spec §2.1, §3.2, §4.3).</summary>
public static class StalenessFunctions
{
    /// <summary><c>s(τ) = 1</c>.</summary>
    public static IStalenessFunction Constant() => ConstantStaleness.Instance;

    /// <summary><c>s(τ) = (τ + 1)^(−a)</c>.</summary>
    /// <param name="a">Exponent ≥ 0.</param>
    public static IStalenessFunction Polynomial(double a) => new PolynomialStaleness(a);

    /// <summary>FedBuff's default <c>1/√(1 + τ)</c> (= <see cref="Polynomial"/> with a = 0.5).</summary>
    public static IStalenessFunction InverseSqrt() => new PolynomialStaleness(0.5);

    /// <summary>The paper's hinge: 1 if <c>τ ≤ b</c>, else <c>1/(a(τ − b) + 1)</c>.</summary>
    /// <param name="a">Slope ≥ 0.</param>
    /// <param name="b">Hinge point ≥ 0.</param>
    public static IStalenessFunction Hinge(double a, long b) => new HingeStaleness(a, b);

    /// <summary><c>s(τ) = 1/(1 + βτ)</c>.</summary>
    /// <param name="beta">β ≥ 0.</param>
    public static IStalenessFunction Inverse(double beta) => new InverseStaleness(beta);

    /// <summary><c>s(τ) = exp(−λτ)</c>.</summary>
    /// <param name="lambda">λ ≥ 0.</param>
    public static IStalenessFunction Exponential(double lambda) => new ExponentialStaleness(lambda);

    /// <summary>1 if <c>τ ≤ cutoff</c>, else <paramref name="valueAfter"/>.</summary>
    /// <param name="cutoff">Cut-off ≥ 0.</param>
    /// <param name="valueAfter">Weight after the cut-off, in [0, 1].</param>
    public static IStalenessFunction Threshold(long cutoff, double valueAfter) => new ThresholdStaleness(cutoff, valueAfter);
}
