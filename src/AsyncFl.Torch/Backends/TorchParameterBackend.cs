using System.Diagnostics.CodeAnalysis;
using AsyncFl.Backends;
using TorchSharp;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Backends;

/// <summary>
/// The TorchSharp parameter backend: every <see cref="ParameterVector"/> is a contiguous 1-D <c>float32</c>
/// tensor on <see cref="Device"/> (the CPU by default, a CUDA device when asked for), and every operation is a
/// fused in-place torch op run under <c>torch.no_grad()</c> on that device (<c>lerp_</c> with a 0-dim weight
/// tensor for the mix, <c>add_(y, alpha)</c>, <c>mul_</c>, <c>copy_</c>, <c>addcmul_</c>/<c>addcdiv_</c>).
/// </summary>
/// <remarks>
/// <para>Each call costs about half a microsecond of dispatch overhead; below d ≈ 10⁴ the CPU backend is faster,
/// from d ≈ 10⁶ the mix runs at memory bandwidth (see <c>docs/torch.md</c>).</para>
/// <para>Thread-safe: the only state is a per-thread 0-dim weight tensor for <see cref="Mix"/>. Vectors of
/// different <see cref="TorchParameterBackend"/> instances may be mixed when they live on the same device.</para>
/// </remarks>
public sealed class TorchParameterBackend : IParameterBackend, IDisposable
{
    private readonly ThreadLocal<MixWeight> _mixWeight;

    /// <summary>Creates a backend whose vectors live on <paramref name="device"/>.</summary>
    /// <param name="device">The device; <see langword="null"/> for the CPU.</param>
    public TorchParameterBackend(Device? device = null)
    {
        Device = device ?? CPU;
        _mixWeight = new ThreadLocal<MixWeight>(() => new MixWeight(Device), trackAllValues: true);
    }

    /// <summary>A backend on the first CUDA device when <paramref name="preferCuda"/> is set and CUDA is available,
    /// otherwise on the CPU.</summary>
    /// <param name="preferCuda">Whether to use CUDA when it is available.</param>
    public static TorchParameterBackend Create(bool preferCuda = false) =>
        new(preferCuda && cuda.is_available() ? CUDA : CPU);

    /// <summary>The device every vector of this backend lives on.</summary>
    public Device Device { get; }

    /// <inheritdoc />
    public string Name => "torch (" + Device + ")";

    /// <inheritdoc />
    public ParameterVector Allocate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        using var scope = NewDisposeScope();
        var t = zeros(length, ScalarType.Float32, Device);
        return new TorchVector(this, t);
    }

    /// <summary>Allocates a vector holding a copy of <paramref name="values"/>.</summary>
    /// <param name="values">The initial values.</param>
    public TorchVector FromSpan(ReadOnlySpan<float> values)
    {
        var v = (TorchVector)Allocate(values.Length);
        v.CopyFrom(values);
        return v;
    }

    /// <summary>
    /// Wraps a copy of <paramref name="source"/> (any shape and floating dtype, any device) flattened to a 1-D
    /// <c>float32</c> tensor on <see cref="Device"/>. The caller keeps ownership of <paramref name="source"/>.
    /// </summary>
    /// <param name="source">The tensor to copy.</param>
    public TorchVector FromTensor(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            var flat = source.detach().reshape(-1).to(ScalarType.Float32, Device).clone().contiguous();
            return new TorchVector(this, flat);
        }
    }

    /// <inheritdoc />
    public void Fill(ParameterVector x, float value)
    {
        var tx = Own(x);
        using (no_grad())
        using (var fill = value.ToScalar())
        {
            tx.fill_(fill);
        }
    }

    /// <inheritdoc />
    public void Copy(ParameterVector source, ParameterVector destination)
    {
        var src = Own(source);
        var dst = Own(destination);
        CheckLength(source, destination);
        if (ReferenceEquals(src, dst))
        {
            return;
        }

        using (no_grad())
        {
            dst.copy_(src);
        }
    }

    /// <inheritdoc />
    public void Mix(ParameterVector x, ParameterVector y, float a)
    {
        var tx = Own(x);
        var ty = Own(y);
        CheckLength(x, y);
        VectorKernelsAccess.CheckFinite(a, nameof(a));
        if (a == 0f)
        {
            return;
        }

        using (no_grad())
        {
            if (a == 1f)
            {
                tx.copy_(ty);
                return;
            }

            tx.lerp_(ty, _mixWeight.Value!.Get(a));
        }
    }

    /// <inheritdoc />
    public void AddScaled(ParameterVector x, ParameterVector y, float w)
    {
        var tx = Own(x);
        var ty = Own(y);
        CheckLength(x, y);
        VectorKernelsAccess.CheckFinite(w, nameof(w));
        using (no_grad())
        using (var alpha = w.ToScalar())
        {
            tx.add_(ty, alpha);
        }
    }

    /// <inheritdoc />
    public void Scale(ParameterVector x, float s)
    {
        var tx = Own(x);
        VectorKernelsAccess.CheckFinite(s, nameof(s));
        using (no_grad())
        using (var factor = s.ToScalar())
        {
            tx.mul_(factor);
        }
    }

    /// <inheritdoc />
    public double Dot(ParameterVector x, ParameterVector y)
    {
        var tx = Own(x);
        var ty = Own(y);
        CheckLength(x, y);
        if (x.Length == 0)
        {
            return 0d;
        }

        using (no_grad())
        using (var r = tx.dot(ty))
        {
            return r.item<float>();
        }
    }

    /// <inheritdoc />
    public double SquaredNorm(ParameterVector x)
    {
        var tx = Own(x);
        if (x.Length == 0)
        {
            return 0d;
        }

        using (no_grad())
        using (var r = tx.dot(tx))
        {
            return r.item<float>();
        }
    }

    /// <inheritdoc />
    public void WeightedSum(ReadOnlySpan<ParameterVector> inputs, ReadOnlySpan<float> weights, ParameterVector destination)
    {
        var dst = Own(destination);
        if (inputs.Length != weights.Length)
        {
            throw new ArgumentException($"{inputs.Length} inputs but {weights.Length} weights.", nameof(weights));
        }

        for (int k = 0; k < inputs.Length; k++)
        {
            Own(inputs[k]);
            CheckLength(inputs[k], destination);
            VectorKernelsAccess.CheckFinite(weights[k], nameof(weights));
        }

        for (int k = 1; k < inputs.Length; k++)
        {
            if (ReferenceEquals(inputs[k], destination))
            {
                throw new ArgumentException("The destination may alias only inputs[0].", nameof(destination));
            }
        }

        using (no_grad())
        {
            if (inputs.Length == 0)
            {
                dst.zero_();
                return;
            }

            if (!ReferenceEquals(inputs[0], destination))
            {
                dst.copy_(((TorchVector)inputs[0]).Tensor);
            }

            using (var w0 = weights[0].ToScalar())
            {
                dst.mul_(w0);
            }

            for (int k = 1; k < inputs.Length; k++)
            {
                using var wk = weights[k].ToScalar();
                dst.add_(((TorchVector)inputs[k]).Tensor, wk);
            }
        }
    }

    /// <inheritdoc />
    public bool IsAllFinite(ParameterVector x)
    {
        var tx = Own(x);
        using (no_grad())
        using (var finite = isfinite(tx))
        using (var all = finite.all())
        {
            return all.item<bool>();
        }
    }

    /// <inheritdoc />
    public double MaxMagnitude(ParameterVector x)
    {
        var tx = Own(x);
        if (tx.numel() == 0)
        {
            return 0;
        }

        using (no_grad())
        using (var magnitudes = tx.abs())
        using (var max = magnitudes.max())
        {
            return max.item<float>(); // torch.max propagates NaN
        }
    }

    /// <inheritdoc />
    public void AdaptiveStep(ParameterVector x, ParameterVector m, ParameterVector v, ParameterVector delta, in AdaptiveStepParameters parameters)
    {
        var tx = Own(x);
        var tm = Own(m);
        var tv = Own(v);
        var td = Own(delta);
        CheckLength(x, m);
        CheckLength(x, v);
        CheckLength(x, delta);
        if (ReferenceEquals(x, m) || ReferenceEquals(x, v) || ReferenceEquals(m, v))
        {
            throw new ArgumentException("The model x and the moments m and v must be three different vectors.");
        }

        // Coefficients in double, rounded once (torch rounds a double scalar to the tensor's float type).
        double b1 = parameters.Beta1, b2 = parameters.Beta2;
        double inv1 = 1.0 / parameters.FirstMomentCorrection, inv2 = 1.0 / parameters.SecondMomentCorrection;
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            // m = β1·m + (1 − β1)·Δ
            // Explicit scalars in using declarations: an implicit double → Scalar temporary can be finalised by a GC
            // while the native call still reads it (see Training/LocalOptimizerStep.cs).
            using var beta1 = b1.ToScalar();
            using var oneMinusBeta1 = (1.0 - b1).ToScalar();
            using var beta2 = b2.ToScalar();
            using var oneMinusBeta2 = (1.0 - b2).ToScalar();
            using var minusOneMinusBeta2 = (-(1.0 - b2)).ToScalar();
            using var one = 1.0.ToScalar();
            using var inverse2 = inv2.ToScalar();
            using var tau = parameters.Tau.ToScalar();
            using var step = (parameters.LearningRate * inv1).ToScalar();
            tm.mul_(beta1).add_(td, oneMinusBeta1);
            switch (parameters.Rule)
            {
                case AdaptiveRule.Adagrad:
                    tv.addcmul_(td, td, one);
                    break;
                case AdaptiveRule.Adam:
                    tv.mul_(beta2).addcmul_(td, td, oneMinusBeta2);
                    break;
                default:
                    {
                        // Yogi: v = v − (1 − β2)·Δ²·sign(v − Δ²)
                        var d2 = td.mul(td);
                        var s = tv.sub(d2).sign_();
                        tv.addcmul_(d2, s, minusOneMinusBeta2);
                        break;
                    }
            }

            // x = x + η·(m/c1) / (sqrt(v/c2) + τ)
            var denominator = tv.mul(inverse2).sqrt_().add_(tau, one); // add_(Scalar) alone makes an implicit alpha = 1
            tx.addcdiv_(tm, denominator, step);
        }
    }

    /// <inheritdoc />
    public void DelayCompensate(ParameterVector delta, ParameterVector current, ParameterVector baseModel, float lambda)
    {
        var td = Own(delta);
        var tc = Own(current);
        var tb = Own(baseModel);
        CheckLength(delta, current);
        CheckLength(delta, baseModel);
        VectorKernelsAccess.CheckFinite(lambda, nameof(lambda));
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            var diff = tc.sub(tb);
            var d2 = td.mul(td);
            using var minusLambda = (-lambda).ToScalar();
            td.addcmul_(d2, diff, minusLambda);
        }
    }

    /// <summary>Releases the cached per-thread weight tensors.</summary>
    public void Dispose()
    {
        foreach (var w in _mixWeight.Values)
        {
            w.Dispose();
        }

        _mixWeight.Dispose();
    }

    private static void CheckLength(ParameterVector a, ParameterVector b) => VectorKernelsAccess.CheckLength(a.Length, b.Length);

    private static Tensor Own(ParameterVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        return vector is TorchVector tv ? tv.Tensor : ThrowForeign(vector);
    }

    [DoesNotReturn]
    private static Tensor ThrowForeign(ParameterVector vector) =>
        throw new ArgumentException(
            $"The vector belongs to backend '{vector.Backend.Name}', not to a torch backend. Every operand must come from the same backend.",
            nameof(vector));

    /// <summary>A cached 0-dim weight tensor on the device, refilled only when the weight changes.</summary>
    private sealed class MixWeight : IDisposable
    {
        private readonly Tensor _tensor;
        private float _value = float.NaN;

        public MixWeight(Device device)
        {
            using var scope = NewDisposeScope();
            _tensor = tensor(0f, ScalarType.Float32, device).DetachFromDisposeScope();
        }

        public Tensor Get(float value)
        {
            if (!value.Equals(_value))
            {
                using (var fill = value.ToScalar())
                {
                    _tensor.fill_(fill);
                }

                _value = value;
            }

            return _tensor;
        }

        public void Dispose() => _tensor.Dispose();
    }
}
