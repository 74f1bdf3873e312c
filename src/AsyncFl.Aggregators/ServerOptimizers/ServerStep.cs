using AsyncFl.Backends;

namespace AsyncFl.Aggregators;

/// <summary>One server step through any <see cref="IServerOptimizer"/>, kept finite.</summary>
internal static class ServerStep
{
    /// <summary>
    /// Applies <c>x ← x + step(s·Δ)</c>: through <see cref="IGuardedServerOptimizer.TryStep"/> for the library's
    /// optimisers; a user's optimiser steps a copy of the model, committed only when finite (its own state is its
    /// responsibility).
    /// </summary>
    public static bool TryApply(IServerOptimizer optimizer, IParameterBackend backend, FiniteGuard guard, ParameterVector model, ParameterVector delta, double deltaScale, double deltaBound, ref double modelBound)
    {
        if (optimizer is IGuardedServerOptimizer guarded)
        {
            return guarded.TryStep(model, delta, deltaScale, deltaBound, ref modelBound, guard);
        }

        if (deltaScale != 1)
        {
            float s = (float)deltaScale;
            if (!float.IsFinite(s) || !FiniteGuard.IsSafe(Math.Abs(deltaScale) * deltaBound))
            {
                return false;
            }

            backend.Scale(delta, s);
        }

        var scratch = guard.Scratch();
        backend.Copy(model, scratch);
        optimizer.Step(scratch, delta);
        double exact = backend.MaxMagnitude(scratch);
        if (!FiniteGuard.IsFiniteFloat(exact))
        {
            return false;
        }

        backend.Copy(scratch, model);
        modelBound = exact;
        return true;
    }
}
