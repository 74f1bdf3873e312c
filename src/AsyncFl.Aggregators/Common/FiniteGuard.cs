using AsyncFl.Backends;

namespace AsyncFl.Aggregators;

/// <summary>
/// Keeps every vector an aggregator writes finite, whatever finite updates arrive: a hostile client (or a diverging
/// run) must never make the model non-finite. Each aggregator tracks a conservative bound on the magnitude of every
/// vector it holds, from the payload magnitudes its validation pass measures and the coefficients of its formula.
/// An operation whose results are all bounded below <see cref="Limit"/> cannot overflow and runs in place, exactly as
/// without the guard. Otherwise the persistent vectors' bounds are re-measured (a scan each) and, if the result still
/// cannot be shown finite, the update is refused as <see cref="RejectionReason.NonFiniteResult"/> before anything is
/// written. Mixes (a convex combination of two finite vectors is finite) take a form that cannot overflow instead.
/// </summary>
/// <remarks>
/// The limit leaves 32× headroom under <see cref="float.MaxValue"/>: every intermediate of the library's kernels on
/// operands below it (a lerp's <c>y − x</c>, a fused multiply-add, a square) is finite. Bounds grow at most linearly
/// with the number of steps in ordinary training, which therefore never comes near the limit: the guard costs a few
/// scalar operations per update.
/// </remarks>
internal sealed class FiniteGuard(IParameterBackend backend, int dimension) : IDisposable
{
    /// <summary>Bounds below this are safe for every operation of the library's aggregators (2¹²³ ≈ 1.1·10³⁷).</summary>
    public const double Limit = float.MaxValue / 32.0;

    // Float rounding may lift a result a few ulps above the exact bound of its operands; every tracked bound is
    // inflated by this factor per operation, so it stays conservative.
    private const double RoundingSlack = 1 + (1.0 / (1 << 20));

    private ParameterVector? _scratch;

    /// <summary>Whether a result bounded by <paramref name="bound"/> is certainly finite (false for NaN and ∞).</summary>
    /// <param name="bound">The bound.</param>
    /// <returns>Whether it is below <see cref="Limit"/>.</returns>
    public static bool IsSafe(double bound) => bound < Limit;

    /// <summary>Whether a measured magnitude (<see cref="IParameterBackend.MaxMagnitude"/>) means every element is finite.</summary>
    /// <param name="magnitude">The magnitude.</param>
    /// <returns>False for NaN and for values beyond <see cref="float.MaxValue"/>.</returns>
    public static bool IsFiniteFloat(double magnitude) => magnitude <= float.MaxValue;

    /// <summary>The bound of an operation's result, inflated for the float rounding of the operation.</summary>
    /// <param name="exact">The bound in exact arithmetic.</param>
    /// <returns>The bound to keep.</returns>
    public static double Rounded(double exact) => exact * RoundingSlack;

    /// <summary>
    /// <c>x ← (1 − a)·x + a·y</c> kept finite: the backend's one-pass mix when no intermediate can overflow, else the
    /// form <c>(1 − a)·x + a·y</c> on a copy (each term is at most a fraction of a finite value), committed only when
    /// finite.
    /// </summary>
    /// <param name="x">Mixed in place.</param>
    /// <param name="xBound">The bound of <paramref name="x"/>, updated.</param>
    /// <param name="y">The vector mixed in.</param>
    /// <param name="yBound">The bound of <paramref name="y"/>.</param>
    /// <param name="a">The weight, finite and ≥ 0.</param>
    /// <returns>False (and <paramref name="x"/> unchanged) when the result would not be finite.</returns>
    public bool TryMix(ParameterVector x, ref double xBound, ParameterVector y, double yBound, double a)
    {
        float fa = (float)a;
        double resultBound = a <= 1 ? Math.Max(xBound, yBound) : (Math.Abs(1 - a) * xBound) + (a * yBound);
        if (IsSafe(xBound + (a * (xBound + yBound))))
        {
            backend.Mix(x, y, fa);
            xBound = Rounded(resultBound);
            return true;
        }

        var scratch = Scratch();
        backend.Copy(x, scratch);
        backend.Scale(scratch, (float)(1 - a));
        backend.AddScaled(scratch, y, fa);
        double exact = backend.MaxMagnitude(scratch);
        if (!IsFiniteFloat(exact))
        {
            return false;
        }

        backend.Copy(scratch, x);
        xBound = exact;
        return true;
    }

    /// <summary>
    /// Applies <paramref name="apply"/> to <paramref name="target"/> in place when <paramref name="bound"/> (a bound on the
    /// result) is safe; otherwise to a copy, committed only when every element is finite (its exact magnitude then
    /// becomes the bound).
    /// </summary>
    /// <param name="target">The vector changed.</param>
    /// <param name="bound">The result's bound; on return the bound to keep.</param>
    /// <param name="state">The operands (a value tuple: no allocation).</param>
    /// <param name="apply">The operation (a static lambda).</param>
    /// <returns>False when the result would not be finite: <paramref name="target"/> is unchanged.</returns>
    public bool TryApply<TState>(ParameterVector target, ref double bound, TState state, Action<ParameterVector, TState> apply)
    {
        if (IsSafe(bound))
        {
            apply(target, state);
            bound = Rounded(bound);
            return true;
        }

        var scratch = Scratch();
        backend.Copy(target, scratch);
        apply(scratch, state);
        double exact = backend.MaxMagnitude(scratch);
        if (!IsFiniteFloat(exact))
        {
            return false;
        }

        backend.Copy(scratch, target);
        bound = exact;
        return true;
    }

    /// <summary>A scratch vector of the model's dimension, allocated on first use (only the rare checked path needs one).</summary>
    /// <returns>The scratch vector.</returns>
    public ParameterVector Scratch() => _scratch ??= backend.Allocate(dimension);

    /// <inheritdoc />
    public void Dispose() => _scratch?.Dispose();
}
