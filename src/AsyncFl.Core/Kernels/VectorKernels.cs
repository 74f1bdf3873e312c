using System.Diagnostics.CodeAnalysis;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace AsyncFl.Kernels;

/// <summary>
/// The CPU vector kernels behind <see cref="Backends.CpuParameterBackend"/>, on spans of <see cref="float"/>.
/// Each kernel makes one pass over memory. In-place use (destination = an input) is allowed; lengths must match
/// and scalar weights must be finite.
/// </summary>
public static class VectorKernels
{
    /// <summary><c>x[i] = (1 − a)·x[i] + a·y[i]</c>; <c>a = 0</c> keeps <c>x</c>, <c>a = 1</c> gives <c>y</c> exactly.</summary>
    /// <param name="x">Mixed in place.</param>
    /// <param name="y">Mixed in.</param>
    /// <param name="a">Finite weight.</param>
    public static void Mix(Span<float> x, ReadOnlySpan<float> y, float a)
    {
        CheckSameLength(x.Length, y.Length);
        CheckFinite(a, nameof(a));
        if (a == 0f)
        {
            return;
        }

        if (a == 1f)
        {
            y.CopyTo(x);
            return;
        }

        for (int i = 0; i < x.Length; i++)
        {
            x[i] = MathF.FusedMultiplyAdd(a, y[i] - x[i], x[i]);
        }
    }

    /// <summary><c>x[i] = x[i] + w·y[i]</c>.</summary>
    /// <param name="x">Updated in place.</param>
    /// <param name="y">Added.</param>
    /// <param name="w">Finite weight.</param>
    public static void AddScaled(Span<float> x, ReadOnlySpan<float> y, float w)
    {
        CheckSameLength(x.Length, y.Length);
        CheckFinite(w, nameof(w));
        TensorPrimitives.MultiplyAdd(y, w, x, x);
    }

    /// <summary><c>x[i] = s·x[i]</c>.</summary>
    /// <param name="x">Scaled in place.</param>
    /// <param name="s">Finite factor.</param>
    public static void Scale(Span<float> x, float s)
    {
        CheckFinite(s, nameof(s));
        TensorPrimitives.Multiply(x, s, x);
    }

    /// <summary><c>destination[i] = source[i]</c>.</summary>
    /// <param name="source">Read.</param>
    /// <param name="destination">Written.</param>
    public static void Copy(ReadOnlySpan<float> source, Span<float> destination)
    {
        CheckSameLength(source.Length, destination.Length);
        source.CopyTo(destination);
    }

    /// <summary><c>Σ x[i]·y[i]</c>.</summary>
    /// <param name="x">First.</param>
    /// <param name="y">Second.</param>
    public static double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        CheckSameLength(x.Length, y.Length);
        return TensorPrimitives.Dot(x, y);
    }

    /// <summary><c>Σ x[i]²</c>.</summary>
    /// <param name="x">The vector.</param>
    public static double SquaredNorm(ReadOnlySpan<float> x) => TensorPrimitives.SumOfSquares(x);

    /// <summary>Whether no element is NaN or infinite.</summary>
    /// <param name="x">The vector.</param>
    public static bool IsAllFinite(ReadOnlySpan<float> x)
    {
        foreach (float v in x)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>destination[i] = Σ_k weights[k]·inputs[k][i]</c>, one pass over memory.</summary>
    /// <param name="inputs">Addresses of K input vectors of <paramref name="length"/> floats each.</param>
    /// <param name="weights">K finite weights.</param>
    /// <param name="destination">Written; may alias <c>inputs[0]</c>.</param>
    /// <param name="length">Elements per vector.</param>
    public static unsafe void WeightedSum(ReadOnlySpan<IntPtr> inputs, ReadOnlySpan<float> weights, float* destination, int length)
    {
        if (inputs.Length != weights.Length)
        {
            throw new ArgumentException($"{inputs.Length} inputs but {weights.Length} weights.", nameof(weights));
        }

        foreach (float w in weights)
        {
            CheckFinite(w, nameof(weights));
        }

        for (int i = 0; i < length; i++)
        {
            float acc = 0f;
            for (int k = 0; k < inputs.Length; k++)
            {
                acc = MathF.FusedMultiplyAdd(weights[k], ((float*)inputs[k])[i], acc);
            }

            destination[i] = acc;
        }
    }

    /// <summary>One FedOpt step; see <see cref="Backends.IParameterBackend.AdaptiveStep"/>.</summary>
    /// <param name="x">Model.</param>
    /// <param name="m">First moment.</param>
    /// <param name="v">Second moment.</param>
    /// <param name="delta">Aggregated delta.</param>
    /// <param name="p">Scalars.</param>
    public static void AdaptiveStep(Span<float> x, Span<float> m, Span<float> v, ReadOnlySpan<float> delta, in Backends.AdaptiveStepParameters p)
    {
        CheckSameLength(x.Length, m.Length);
        CheckSameLength(x.Length, v.Length);
        CheckSameLength(x.Length, delta.Length);
        float b1 = p.Beta1, b2 = p.Beta2, eta = p.LearningRate, tau = p.Tau;
        float inv1 = 1f / p.FirstMomentCorrection, inv2 = 1f / p.SecondMomentCorrection;
        for (int i = 0; i < x.Length; i++)
        {
            float d = delta[i];
            float d2 = d * d;
            float mi = (b1 * m[i]) + ((1f - b1) * d);
            float vi = v[i];
            vi = p.Rule switch
            {
                Backends.AdaptiveRule.Adagrad => vi + d2,
                Backends.AdaptiveRule.Adam => (b2 * vi) + ((1f - b2) * d2),
                _ => vi - ((1f - b2) * d2 * MathF.Sign(vi - d2)),
            };
            m[i] = mi;
            v[i] = vi;
            x[i] += eta * (mi * inv1) / (MathF.Sqrt(vi * inv2) + tau);
        }
    }

    /// <summary><c>delta[i] −= λ·delta[i]²·(current[i] − baseModel[i])</c> (DC-ASGD in the +Δ convention).</summary>
    /// <param name="delta">Compensated in place.</param>
    /// <param name="current">Server model now.</param>
    /// <param name="baseModel">The update's base model.</param>
    /// <param name="lambda">λ ≥ 0.</param>
    public static void DelayCompensate(Span<float> delta, ReadOnlySpan<float> current, ReadOnlySpan<float> baseModel, float lambda)
    {
        CheckSameLength(delta.Length, current.Length);
        CheckSameLength(delta.Length, baseModel.Length);
        CheckFinite(lambda, nameof(lambda));
        for (int i = 0; i < delta.Length; i++)
        {
            float d = delta[i];
            delta[i] = d - (lambda * d * d * (current[i] - baseModel[i]));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CheckSameLength(int a, int b)
    {
        if (a != b)
        {
            ThrowLengthMismatch(a, b);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CheckFinite(float value, string name)
    {
        if (!float.IsFinite(value))
        {
            ThrowNotFinite(value, name);
        }
    }

    [DoesNotReturn]
    internal static void ThrowLengthMismatch(int a, int b) =>
        throw new ArgumentException($"Vector lengths differ: {a} and {b}. Every operand of a kernel must have the same length.");

    [DoesNotReturn]
    internal static void ThrowNotFinite(float value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be a finite number (not NaN or infinity).");
}
