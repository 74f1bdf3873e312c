namespace AsyncFl.Cli.Config;

/// <summary>The strategies: each aggregator, scheduler and staleness setting, and the pairs the app can run.</summary>
internal static partial class ConfigValidator
{
    private static void ValidateStrategies(List<StrategyConfig>? strategies, Checker v)
    {
        if (strategies is null || strategies.Count == 0)
        {
            v.Add("$.strategies", "must list at least one strategy, e.g. [ { \"name\": \"FedAsync\", \"aggregator\": { \"kind\": \"fedasync\" }, \"scheduler\": { \"kind\": \"async\" } } ].");
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        int baselines = 0;
        for (int i = 0; i < strategies.Count; i++)
        {
            var s = strategies[i];
            string p = Fmt.I($"$.strategies[{i}]");
            if (s is null)
            {
                v.Add(p, "must be an object with \"aggregator\" and \"scheduler\".");
                continue;
            }

            if (string.IsNullOrWhiteSpace(s.Name))
            {
                v.Add(p + ".name", "missing; give the strategy a label for the tables and plots, e.g. \"FedAsync\".");
            }
            else if (!names.Add(s.Name))
            {
                v.Add(p + ".name", $"'{s.Name}' is used by an earlier strategy; names must be unique.");
            }

            if (s.Baseline == true)
            {
                baselines++;
            }

            v.Range(p + ".localSteps", s.LocalSteps, 1, 1_000_000);
            ValidateAggregator(s.Aggregator, p + ".aggregator", v);
            ValidateScheduler(s.Scheduler, p + ".scheduler", v);
            if (s.Scheduler?.ParticipationWeighting is "inter-arrival" && s.Aggregator?.Kind == "sgd")
            {
                v.Add(p + ".scheduler.participationWeighting", "\"inter-arrival\" needs an aggregator that takes per-update weights (not \"sgd\", which runs as ASGD).");
            }
            if (s.Sampler is { } sampler)
            {
                v.OneOf(p + ".sampler.kind", sampler.Kind, Samplers);
                if (sampler.Floor is { } floor && !(floor >= 0 && floor <= 1))
                {
                    v.Add(p + ".sampler.floor", "must be in [0, 1], got " + Fmt.N(floor) + ".");
                }
            }

            if (s.LearningRate is { } lr)
            {
                string lp = p + ".learningRate";
                if (v.OneOf(lp + ".kind", lr.Kind, LearningRates.Keys))
                {
                    v.Applicable(lp, lr.Kind!, LearningRates[lr.Kind!], ("delayFactor", lr.DelayFactor is not null));
                }

                v.Positive(lp + ".value", lr.Value);
                v.NonNegativeIf(lp + ".delayFactor", lr.DelayFactor);
            }

            if (s.Staleness is { } st)
            {
                string sp = p + ".staleness";
                if (v.OneOf(sp + ".kind", st.Kind, StalenessKinds.Keys))
                {
                    v.Applicable(sp, st.Kind!, StalenessKinds[st.Kind!], ("a", st.A is not null), ("b", st.B is not null), ("rate", st.Rate is not null), ("maxStaleness", st.MaxStaleness is not null));
                }

                v.NonNegativeIf(sp + ".a", st.A);
                v.NonNegativeIf(sp + ".b", st.B);
                v.NonNegativeIf(sp + ".rate", st.Rate);
                if (st.MaxStaleness is { } max && max < 0)
                {
                    v.Add(sp + ".maxStaleness", "must be at least 0, got " + Fmt.N(max) + ".");
                }
            }
        }

        if (baselines > 1)
        {
            v.Add("$.strategies", Fmt.I($"{baselines} strategies say \"baseline\": true; mark at most one."));
        }
    }

    private static void ValidateAggregator(AggregatorConfig? a, string p, Checker v)
    {
        if (a is null)
        {
            v.Add(p, "missing; e.g. \"aggregator\": { \"kind\": \"fedasync\", \"alpha\": 0.6 }. Kinds: " + string.Join(", ", Aggregators.Keys) + ".");
            return;
        }

        if (v.OneOf(p + ".kind", a.Kind, Aggregators.Keys))
        {
            v.Applicable(p, a.Kind!, Aggregators[a.Kind!],
                ("alpha", a.Alpha is not null), ("bufferSize", a.BufferSize is not null), ("serverLearningRate", a.ServerLearningRate is not null),
                ("momentum", a.Momentum is not null), ("serverOptimizer", a.ServerOptimizer is not null), ("penalty", a.Penalty is not null),
                ("onePerClientPerBuffer", a.OnePerClientPerBuffer is not null), ("maxCacheAge", a.MaxCacheAge is not null));
        }

        if (a.MaxCacheAge is { } age)
        {
            v.Range(p + ".maxCacheAge", age, 0, long.MaxValue);
        }

        if (a.Alpha is { } alpha && !(alpha > 0 && alpha <= 1))
        {
            v.Add(p + ".alpha", "must be in (0, 1], got " + Fmt.N(alpha) + ".");
        }

        if (a.BufferSize is { } k)
        {
            v.Range(p + ".bufferSize", k, 1, 1_000_000);
        }

        v.PositiveIf(p + ".serverLearningRate", a.ServerLearningRate);
        if (a.Momentum is { } mom && !(mom >= 0 && mom < 1))
        {
            v.Add(p + ".momentum", "must be in [0, 1), got " + Fmt.N(mom) + ".");
        }

        if (a.ServerOptimizer is not null)
        {
            v.OneOf(p + ".serverOptimizer", a.ServerOptimizer, ServerOptimizers);
        }

        v.NonNegativeIf(p + ".penalty", a.Penalty);
    }

    private static void ValidateScheduler(SchedulerConfig? s, string p, Checker v)
    {
        if (s is null)
        {
            v.Add(p, "missing; e.g. \"scheduler\": { \"kind\": \"async\" }. Kinds: " + string.Join(", ", Schedulers.Keys) + ".");
            return;
        }

        if (v.OneOf(p + ".kind", s.Kind, Schedulers.Keys))
        {
            v.Applicable(p, s.Kind!, Schedulers[s.Kind!],
                ("clientsPerRound", s.ClientsPerRound is not null), ("concurrency", s.Concurrency is not null), ("batchSize", s.BatchSize is not null),
                ("delayThreshold", s.DelayThreshold is not null), ("variant", s.Variant is not null), ("timeLimitSeconds", s.TimeLimitSeconds is not null),
                ("squeezeFactor", s.SqueezeFactor is not null), ("randK", s.RandK is not null),
                ("participationWeighting", s.ParticipationWeighting is not null));
        }

        if (s.ParticipationWeighting is not null)
        {
            v.OneOf(p + ".participationWeighting", s.ParticipationWeighting, ["none", "inter-arrival"]);
        }

        if (s.ClientsPerRound is { } m)
        {
            v.Range(p + ".clientsPerRound", m, 1, 1_000_000);
        }

        if (s.Concurrency is { } c)
        {
            v.Range(p + ".concurrency", c, 1, 1_000_000);
        }

        if (s.BatchSize is { } b)
        {
            v.Range(p + ".batchSize", b, 1, 1_000_000);
        }

        if (s.DelayThreshold is { } r)
        {
            v.Range(p + ".delayThreshold", r, 1, int.MaxValue);
        }

        if (s.Variant is not null)
        {
            v.OneOf(p + ".variant", s.Variant, ["discard", "restart"]);
        }

        v.PositiveIf(p + ".timeLimitSeconds", s.TimeLimitSeconds);
        if (s.RandK is { } randK)
        {
            v.Range(p + ".randK", randK, 1, int.MaxValue);
        }

        if (s.SqueezeFactor is { } k)
        {
            v.Range(p + ".squeezeFactor", k, 1, 1_000);
        }
    }
}
