using TorchSharp;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Training;

/// <summary>
/// The local optimizers of <see cref="TorchClientTrainer"/> (Adam and SGD with momentum), written with in-place tensor
/// ops on the parameters under <c>no_grad</c>, with the same formulas and operation order as TorchSharp's
/// <c>torch.optim.Adam</c> / <c>torch.optim.SGD</c> (so the results are bit-identical on the CPU), but with every
/// <see cref="Scalar"/> created explicitly and kept alive across the native call.
/// </summary>
/// <remarks>
/// <para>Why not TorchSharp's optimizers: TorchSharp 0.107's <c>Adam.step</c> and <c>SGD.step</c> pass scalars such
/// as <c>1 − β₂</c> through the implicit <c>double → Scalar</c> conversion. The temporary <see cref="Scalar"/> has a
/// finalizer that frees the native <c>c10::Scalar</c>, and the wrapper methods read <c>value.Handle</c> and then call
/// into LibTorch without <c>GC.KeepAlive(value)</c>: once the handle is read the managed object is unreachable, so a
/// garbage collection during the native call (triggered by any other thread) can run the finalizer and free the
/// scalar while LibTorch still reads it. The freed scalar's type tag is garbage and
/// <c>c10::Scalar::toFloat</c> fails with "Expected false to be true" (Scalar.h:140) inside <c>addcmul_</c> — a
/// use-after-free that shows up rarely and at random, more often with several training threads.</para>
/// <para>Here the constant scalars are fields disposed with the optimizer, and per-step scalars live in
/// <see langword="using"/> declarations that end after the call, so no scalar can be finalised while in use.</para>
/// </remarks>
internal sealed class LocalOptimizerStep : IDisposable
{
    private readonly Tensor[] _parameters;
    private readonly LocalOptimizer _kind;
    private readonly Tensor?[] _first;
    private readonly Tensor?[] _second;
    private readonly Scalar _beta1;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _beta2;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _eps;
    private readonly Scalar _momentum;
    private readonly Scalar _one;
    private readonly double _momentumValue;
    private readonly double _beta1Value;
    private readonly double _beta2Value;
    private long _step;

    /// <summary>Creates the optimizer state (empty; moments are created at the first step).</summary>
    /// <param name="parameters">The trained parameters (leaf tensors with gradients).</param>
    /// <param name="kind">Adam or SGD.</param>
    /// <param name="learningRate">The initial learning rate.</param>
    /// <param name="momentum">SGD momentum (0 = plain SGD); ignored by Adam.</param>
    /// <param name="beta1">Adam β₁.</param>
    /// <param name="beta2">Adam β₂.</param>
    /// <param name="epsilon">Adam ε.</param>
    public LocalOptimizerStep(Tensor[] parameters, LocalOptimizer kind, double learningRate, double momentum = 0, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        _parameters = parameters;
        _kind = kind;
        LearningRate = learningRate;
        _first = new Tensor?[parameters.Length];
        _second = new Tensor?[parameters.Length];
        _momentumValue = momentum;
        _beta1Value = beta1;
        _beta2Value = beta2;
        _beta1 = beta1.ToScalar();
        _oneMinusBeta1 = (1 - beta1).ToScalar();
        _beta2 = beta2.ToScalar();
        _oneMinusBeta2 = (1 - beta2).ToScalar();
        _eps = epsilon.ToScalar();
        _momentum = momentum.ToScalar();
        _one = 1.0.ToScalar();
    }

    /// <summary>The learning rate of the next steps.</summary>
    public double LearningRate { get; set; }

    /// <summary>Steps taken.</summary>
    public long Steps => _step;

    /// <summary>Sets every parameter's gradient to zero (where one exists).</summary>
    public void ZeroGrad()
    {
        using var scope = NewDisposeScope();
        foreach (var p in _parameters)
        {
            var g = p.grad;
            if (g is not null)
            {
                g.zero_();
            }
        }
    }

    /// <summary>One optimizer step from the current gradients.</summary>
    public void Step()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        _step++;
        if (_kind == LocalOptimizer.Adam)
        {
            double biasCorrection1 = 1 - Math.Pow(_beta1Value, _step);
            double biasCorrection2 = 1 - Math.Pow(_beta2Value, _step);
            using var sqrtCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
            using var stepSize = (-(LearningRate / biasCorrection1)).ToScalar();
            for (int k = 0; k < _parameters.Length; k++)
            {
                var p = _parameters[k];
                var g = p.grad;
                if (g is null)
                {
                    continue;
                }

                var m = _first[k] ??= zeros_like(p).DetachFromDisposeScope();
                var v = _second[k] ??= zeros_like(p).DetachFromDisposeScope();
                m.mul_(_beta1).add_(g, _oneMinusBeta1);
                v.mul_(_beta2).addcmul_(g, g, _oneMinusBeta2);
                var denominator = v.sqrt().div_(sqrtCorrection2).add_(_eps, _one); // add_(Scalar) alone makes an implicit alpha = 1
                p.addcdiv_(m, denominator, stepSize);
            }
        }
        else
        {
            using var negativeRate = (-LearningRate).ToScalar();
            for (int k = 0; k < _parameters.Length; k++)
            {
                var p = _parameters[k];
                var g = p.grad;
                if (g is null)
                {
                    continue;
                }

                if (_momentumValue != 0)
                {
                    if (_first[k] is null)
                    {
                        _first[k] = g.detach().clone().DetachFromDisposeScope();
                    }
                    else
                    {
                        _first[k]!.mul_(_momentum).add_(g, _one);
                    }

                    g = _first[k]!;
                }

                p.add_(g, negativeRate);
            }
        }

        GC.KeepAlive(this);
    }

    /// <summary>Frees the moments and the scalars.</summary>
    public void Dispose()
    {
        foreach (var t in _first)
        {
            t?.Dispose();
        }

        foreach (var t in _second)
        {
            t?.Dispose();
        }

        _beta1.Dispose();
        _oneMinusBeta1.Dispose();
        _beta2.Dispose();
        _oneMinusBeta2.Dispose();
        _eps.Dispose();
        _momentum.Dispose();
        _one.Dispose();
    }
}
