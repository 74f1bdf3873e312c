using System.Globalization;
using AsyncFl.Backends;

namespace AsyncFl.Aggregators;

internal sealed class AdaptiveServerOptimizer : IGuardedServerOptimizer
{
    private readonly IParameterBackend _backend;
    private ParameterVector _m;
    private ParameterVector _v;
    private ParameterVector? _spareFirst;
    private ParameterVector? _spareSecond;
    private readonly AdaptiveRule _rule;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _eta;
    private readonly double _tau;
    private readonly bool _biasCorrection;
    private long _t;
    private double _firstBound;
    private double _secondBound;

    public AdaptiveServerOptimizer(IParameterBackend backend, int dimension, AdaptiveServerOptimizerOptions o)
    {
        ArgumentNullException.ThrowIfNull(backend);
        _backend = backend;
        _rule = o.Rule;
        _beta1 = o.Beta1;
        _beta2 = o.Beta2;
        _eta = o.LearningRate;
        _tau = o.Tau;
        _biasCorrection = o.BiasCorrection;
        _m = backend.Allocate(dimension);
        _v = backend.Allocate(dimension);
        double v0 = double.IsNaN(o.InitialSecondMoment) ? o.Tau * o.Tau : o.InitialSecondMoment;
        backend.Fill(_v, (float)v0);
        _secondBound = FiniteGuard.Rounded(v0);
    }

    public string Name => string.Create(CultureInfo.InvariantCulture, $"Fed{_rule}(eta={_eta},b1={_beta1},b2={_beta2},tau={_tau}{(_biasCorrection ? ",bc" : "")})");

    public void Step(ParameterVector model, ParameterVector delta)
    {
        _t++;
        var p = Parameters(_t);
        _backend.AdaptiveStep(model, _m, _v, delta, p);
    }

    // Bounds: m' = β1·m + (1 − β1)·Δ ≤ max(|m|, |Δ|); v' ≤ v + Δ² (every rule); the model moves by at most
    // η·|m'|/c1/τ (√v̂ ≥ 0), and the kernel forms v'/c2 on the way. Past the limit the step runs on copies of x, m
    // and v, committed only when all three are finite.
    public bool TryStep(ParameterVector model, ParameterVector delta, double deltaScale, double deltaBound, ref double modelBound, FiniteGuard guard)
    {
        float scale = (float)deltaScale;
        if (!float.IsFinite(scale))
        {
            return false;
        }

        double d = Math.Abs(deltaScale) * deltaBound;
        var p = Parameters(_t + 1);
        if (FiniteGuard.IsSafe(d) && FiniteGuard.IsSafe(d * d) && StateIsSafe(d, p, modelBound))
        {
            if (deltaScale != 1)
            {
                _backend.Scale(delta, scale);
            }

            _t++;
            _backend.AdaptiveStep(model, _m, _v, delta, p);
            double first = Math.Max(_firstBound, d);
            modelBound = FiniteGuard.Rounded(modelBound + (_eta * first / p.FirstMomentCorrection / _tau));
            _firstBound = FiniteGuard.Rounded(first);
            _secondBound = FiniteGuard.Rounded(_secondBound + (d * d));
            return true;
        }

        var m = _spareFirst ??= _backend.Allocate(_m.Length);
        var v = _spareSecond ??= _backend.Allocate(_v.Length);
        var x = guard.Scratch();
        _backend.Copy(_m, m);
        _backend.Copy(_v, v);
        _backend.Copy(model, x);
        if (deltaScale != 1)
        {
            if (!FiniteGuard.IsFiniteFloat(Math.Abs(deltaScale) * _backend.MaxMagnitude(delta)))
            {
                return false;
            }

            _backend.Scale(delta, scale);
        }

        _backend.AdaptiveStep(x, m, v, delta, p);
        double exactFirst = _backend.MaxMagnitude(m), exactSecond = _backend.MaxMagnitude(v), exactModel = _backend.MaxMagnitude(x);
        if (!FiniteGuard.IsFiniteFloat(exactFirst) || !FiniteGuard.IsFiniteFloat(exactSecond) || !FiniteGuard.IsFiniteFloat(exactModel))
        {
            return false;
        }

        _t++;
        _backend.Copy(x, model);
        (_m, _spareFirst) = (m, _m);
        (_v, _spareSecond) = (v, _v);
        _firstBound = exactFirst;
        _secondBound = exactSecond;
        modelBound = exactModel;
        return true;
    }

    private bool StateIsSafe(double d, in AdaptiveStepParameters p, double modelBound)
    {
        double second = _secondBound + (d * d);
        double first = Math.Max(_firstBound, d) / p.FirstMomentCorrection;
        return FiniteGuard.IsSafe(second / p.SecondMomentCorrection)
            && FiniteGuard.IsSafe(first)
            && FiniteGuard.IsSafe(modelBound + (_eta * first / _tau));
    }

    private AdaptiveStepParameters Parameters(long t)
    {
        double c1 = 1, c2 = 1;
        if (_biasCorrection)
        {
            c1 = 1 - Math.Pow(_beta1, t);
            c2 = _rule == AdaptiveRule.Adagrad ? 1 : 1 - Math.Pow(_beta2, t);
            if (!(c1 > 0))
            {
                c1 = 1;
            }

            if (!(c2 > 0))
            {
                c2 = 1;
            }
        }

        return new AdaptiveStepParameters(_rule, _beta1, _beta2, _eta, _tau, c1, c2);
    }

    public void Dispose()
    {
        _m.Dispose();
        _v.Dispose();
        _spareFirst?.Dispose();
        _spareSecond?.Dispose();
    }
}
