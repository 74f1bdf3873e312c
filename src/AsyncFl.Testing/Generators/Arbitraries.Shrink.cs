namespace AsyncFl.Testing;

/// <summary>The shrinkers: each yields strictly simpler candidates (fewer parts first, then simpler values), so that
/// FsCheck walks down to a minimal counterexample and stops.</summary>
public static partial class Arbitraries
{
    internal static IEnumerable<float> ShrinkValue(float v)
    {
        if (BitConverter.SingleToInt32Bits(v) == 0)
        {
            yield break;
        }

        yield return 0f;
        if (Math.Abs(v) > 1 || (Math.Abs(v) < 1 && v != 0 && !float.IsSubnormal(v) && Math.Abs(v) < 1e-3f))
        {
            yield return MathF.Sign(v);
        }

        if (MathF.Truncate(v) != v && Math.Abs(v) > 1)
        {
            yield return MathF.Truncate(v);
        }

        if (Math.Abs(v) > 2)
        {
            yield return MathF.Truncate(v / 2);
        }
    }

    internal static IEnumerable<float[]> ShrinkVector(float[] v)
    {
        for (int j = 0; j < v.Length; j++)
        {
            foreach (float smaller in ShrinkValue(v[j]))
            {
                var copy = (float[])v.Clone();
                copy[j] = smaller;
                yield return copy;
            }
        }
    }

    internal static IEnumerable<ScriptStep> ShrinkStep(ScriptStep s)
    {
        if (s.IsFlush)
        {
            yield break;
        }

        if (s.Hostility != HostileKind.None)
        {
            yield return s with { Hostility = HostileKind.None };
        }

        foreach (long st in ShrinkCount(s.Staleness, 0))
        {
            yield return s with { Staleness = st };
        }

        if (s.Client != 0)
        {
            yield return s with { Client = 0 };
        }

        if (s.Samples != 1)
        {
            yield return s with { Samples = 1 };
        }

        foreach (float[] v in ShrinkVector(s.Values))
        {
            yield return s with { Values = v };
        }
    }

    internal static IEnumerable<AggregatorScript> ShrinkScript(AggregatorScript script)
    {
        foreach (var fewer in RemoveItems(script.Steps))
        {
            yield return script with { Steps = fewer };
        }

        if (script.Dimension > 1)
        {
            int d = script.Dimension - 1;
            yield return new AggregatorScript(
                script.Initial[..d],
                script.Kind,
                script.Steps.Select(s => s.IsFlush ? s : s with { Values = s.Values[..Math.Min(d, s.Values.Length)] }).ToArray());
        }

        foreach (float[] initial in ShrinkVector(script.Initial))
        {
            yield return script with { Initial = initial };
        }

        for (int i = 0; i < script.Steps.Count; i++)
        {
            foreach (var simpler in ShrinkStep(script.Steps[i]))
            {
                var steps = script.Steps.ToArray();
                steps[i] = simpler;
                yield return script with { Steps = steps };
            }
        }
    }

    internal static IEnumerable<FleetSpec> ShrinkFleet(FleetSpec f)
    {
        if (f.Clients > 1)
        {
            for (int i = 0; i < f.Clients; i++)
            {
                yield return f with { SecondsPerStep = f.SecondsPerStep.Where((_, k) => k != i).ToArray() };
            }
        }

        if (f.NoiseMean > 0)
        {
            yield return f with { NoiseMean = 0 };
        }

        if (f.DropoutProbability > 0)
        {
            yield return f with { DropoutProbability = 0 };
        }

        if (f.AvailableFraction < 1)
        {
            yield return f with { AvailableFraction = 1 };
        }

        if (f.LatencySeconds > 0)
        {
            yield return f with { LatencySeconds = 0 };
        }

        if (f.SecondsPerStep.Any(s => s != 1))
        {
            yield return f with { SecondsPerStep = f.SecondsPerStep.Select(_ => 1.0).ToArray() };
        }

        for (int i = 0; i < f.Clients; i++)
        {
            double s = f.SecondsPerStep[i];
            double rounded = Math.Max(1, Math.Round(s));
            if (rounded != s)
            {
                var speeds = f.SecondsPerStep.ToArray();
                speeds[i] = rounded;
                yield return f with { SecondsPerStep = speeds };
            }
        }

        if (f.DropoutProbability > 0.26)
        {
            yield return f with { DropoutProbability = 0.25 };
        }

        if (f.NoiseMean > 0.5)
        {
            yield return f with { NoiseMean = 0.5 };
        }
    }

    internal static IEnumerable<Scenario> ShrinkScenario(Scenario s)
    {
        foreach (var fleet in ShrinkFleet(s.Fleet))
        {
            yield return s with { Fleet = fleet };
        }

        if (s.Dimension > 1)
        {
            yield return s with { Dimension = 1 };
        }

        if (s.MaxEvents > 20)
        {
            yield return s with { MaxEvents = Math.Max(20, s.MaxEvents / 2) };
        }

        if (s.Seed != 0)
        {
            yield return s with { Seed = 0 };
        }
    }

    internal static IEnumerable<RunConfiguration> ShrinkRun(RunConfiguration r)
    {
        foreach (var scenario in ShrinkScenario(r.Scenario))
        {
            yield return r with { Scenario = scenario, Concurrency = Math.Min(r.Concurrency, scenario.Fleet.Clients) };
        }

        foreach (long c in ShrinkCount(r.Concurrency, 1))
        {
            yield return r with { Concurrency = (int)c };
        }

        foreach (var staleness in ShrinkStaleness(r.Staleness))
        {
            yield return r with { Staleness = staleness };
        }

        if (r.Aggregator != AggregatorChoice.Sgd)
        {
            yield return r with { Aggregator = AggregatorChoice.Sgd };
        }

        if (r.Scheduler != SchedulerChoice.Asynchronous)
        {
            yield return r with { Scheduler = SchedulerChoice.Asynchronous };
        }
    }

    internal static IEnumerable<StalenessSpec> ShrinkStaleness(StalenessSpec s)
    {
        if (s.Kind != StalenessKind.Constant)
        {
            yield return new StalenessSpec(StalenessKind.Constant);
        }

        if (s.Kind is StalenessKind.Polynomial && s.A != 0.5)
        {
            yield return new StalenessSpec(StalenessKind.InverseSqrt);
        }

        if (s.Kind is StalenessKind.Hinge or StalenessKind.Threshold && s.B > 0)
        {
            yield return s with { B = 0 };
        }
    }

    internal static IEnumerable<LearningRateSpec> ShrinkLearningRate(LearningRateSpec s)
    {
        if (s.Kind != LearningRateKind.Constant)
        {
            yield return new LearningRateSpec(LearningRateKind.Constant, s.Rate);
        }

        if (s.Rate != 0.1)
        {
            yield return s with { Rate = 0.1 };
        }

        if (s.Concurrency > 1)
        {
            yield return s with { Concurrency = 1 };
        }
    }

    internal static IEnumerable<ManualStep[]> ShrinkInterleaving(ManualStep[] steps)
    {
        foreach (var fewer in RemoveItems(steps))
        {
            yield return fewer;
        }

        for (int i = 0; i < steps.Length; i++)
        {
            var s = steps[i];
            if (s.Index != 0)
            {
                yield return Replace(steps, i, s with { Index = 0 });
            }

            if (s.Kind == ManualStepKind.Advance && s.Seconds > 0)
            {
                yield return Replace(steps, i, s with { Seconds = s.Seconds > 0.5 ? Math.Floor(s.Seconds / 2) : 0 });
            }
        }
    }

    // Halves first (fast when the case is long), then single items.
    private static IEnumerable<T[]> RemoveItems<T>(IReadOnlyList<T> items)
    {
        int n = items.Count;
        if (n <= 1)
        {
            yield break;
        }

        if (n >= 4)
        {
            yield return items.Take(n / 2).ToArray();
            yield return items.Skip(n / 2).ToArray();
        }

        for (int i = 0; i < n; i++)
        {
            yield return items.Where((_, k) => k != i).ToArray();
        }
    }

    private static IEnumerable<long> ShrinkCount(long value, long least)
    {
        if (value <= least)
        {
            yield break;
        }

        yield return least;
        long half = least + ((value - least) / 2);
        if (half != least && half != value)
        {
            yield return half;
        }

        if (value - 1 != least && value - 1 != half)
        {
            yield return value - 1;
        }
    }

    private static T[] Replace<T>(T[] items, int index, T value)
    {
        var copy = (T[])items.Clone();
        copy[index] = value;
        return copy;
    }
}
