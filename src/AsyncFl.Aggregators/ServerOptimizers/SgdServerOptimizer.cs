using System.Globalization;
using AsyncFl.Backends;

namespace AsyncFl.Aggregators;

internal sealed class SgdServerOptimizer : IGuardedServerOptimizer
{
    private readonly IParameterBackend _backend;
    private ParameterVector? _momentum;
    private ParameterVector? _spareMomentum;
    private readonly float _eta;
    private readonly float _mu;
    private readonly ParameterVector[] _pair = new ParameterVector[2];
    private readonly float[] _pairWeights = new float[2];
    private double _momentumBound;

    public SgdServerOptimizer(IParameterBackend backend, int dimension, float eta, float mu)
    {
        ArgumentNullException.ThrowIfNull(backend);
        _backend = backend;
        _eta = eta;
        _mu = mu;
        if (mu > 0)
        {
            _momentum = backend.Allocate(dimension);
        }
    }

    public string Name => _mu > 0
        ? string.Create(CultureInfo.InvariantCulture, $"FedAvgM(eta={_eta},mu={_mu})")
        : string.Create(CultureInfo.InvariantCulture, $"SGD(eta={_eta})");

    public void Step(ParameterVector model, ParameterVector delta)
    {
        if (_momentum is null)
        {
            _backend.AddScaled(model, delta, _eta);
            return;
        }

        _backend.Scale(_momentum, _mu);
        _backend.AddScaled(_momentum, delta, 1f);
        _backend.AddScaled(model, _momentum, _eta);
    }

    // Without momentum one pass: x ← x + (η·s)·Δ. With momentum two: m ← μ·m + s·Δ (one weighted-sum pass), then
    // x ← x + η·m.
    public void Step(ParameterVector model, ParameterVector delta, double deltaScale)
    {
        if (_momentum is null)
        {
            _backend.AddScaled(model, delta, (float)(_eta * deltaScale));
            return;
        }

        _pair[0] = _momentum;
        _pair[1] = delta;
        _pairWeights[0] = _mu;
        _pairWeights[1] = (float)deltaScale;
        _backend.WeightedSum(_pair, _pairWeights, _momentum);
        _pair[1] = null!;
        _backend.AddScaled(model, _momentum, _eta);
    }

    public bool TryStep(ParameterVector model, ParameterVector delta, double deltaScale, double deltaBound, ref double modelBound, FiniteGuard guard)
    {
        double step = Math.Abs(deltaScale) * deltaBound;
        float scale = (float)deltaScale, modelScale = (float)(_eta * deltaScale);
        if (!float.IsFinite(scale) || !float.IsFinite(modelScale))
        {
            return false;
        }

        if (_momentum is null)
        {
            // x ← x + (η·s)·Δ, one pass (checked on a copy when the bound is not enough).
            double bound = modelBound + (Math.Abs(modelScale) * deltaBound);
            if (!guard.TryApply(model, ref bound, (_backend, delta, modelScale), static (x, s) => s._backend.AddScaled(x, s.delta, s.modelScale)))
            {
                return false;
            }

            modelBound = bound;
            return true;
        }

        // m' = μ·m + s·Δ, then x' = x + η·m'.
        double momentum = (_mu * _momentumBound) + step;
        double moved = modelBound + (Math.Abs(_eta) * momentum);
        if (FiniteGuard.IsSafe(momentum) && FiniteGuard.IsSafe(moved))
        {
            Step(model, delta, deltaScale);
            _momentumBound = FiniteGuard.Rounded(momentum);
            modelBound = FiniteGuard.Rounded(moved);
            return true;
        }

        // Checked: m' into a spare, x' into the guard's scratch; both committed only when finite.
        var spare = _spareMomentum ??= _backend.Allocate(_momentum.Length);
        _pair[0] = _momentum;
        _pair[1] = delta;
        _pairWeights[0] = _mu;
        _pairWeights[1] = scale;
        _backend.WeightedSum(_pair, _pairWeights, spare);
        _pair[1] = null!;
        double exactMomentum = _backend.MaxMagnitude(spare);
        if (!FiniteGuard.IsFiniteFloat(exactMomentum))
        {
            return false;
        }

        var x = guard.Scratch();
        _backend.Copy(model, x);
        _backend.AddScaled(x, spare, _eta);
        double exactModel = _backend.MaxMagnitude(x);
        if (!FiniteGuard.IsFiniteFloat(exactModel))
        {
            return false;
        }

        _backend.Copy(x, model);
        (_momentum, _spareMomentum) = (spare, _momentum);
        _momentumBound = exactMomentum;
        modelBound = exactModel;
        return true;
    }

    public void Dispose()
    {
        _momentum?.Dispose();
        _spareMomentum?.Dispose();
    }
}
