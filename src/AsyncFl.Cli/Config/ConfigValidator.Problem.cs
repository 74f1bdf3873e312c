namespace AsyncFl.Cli.Config;

/// <summary>The problem: data, objective or model, and their limits.</summary>
internal static partial class ConfigValidator
{
    private static void ValidateProblem(ExperimentConfig config, Checker v)
    {
        var data = config.Data;
        bool real = data?.Dataset == "fashion-mnist";
        if (data is not null)
        {
            v.OneOf("$.data.dataset", data.Dataset ?? "synthetic", ["synthetic", "fashion-mnist"]);
            v.OneOf("$.data.partition", data.Partition ?? "iid", ["iid", "dirichlet", "shards"]);
            if (data.Alpha is { } alpha)
            {
                if (data.Partition != "dirichlet")
                {
                    v.Add("$.data.alpha", "applies only to \"partition\": \"dirichlet\"; remove it or change the partition.");
                }

                v.Positive("$.data.alpha", alpha);
            }

            if (data.LabelsPerClient is { } labels)
            {
                if (data.Partition != "shards")
                {
                    v.Add("$.data.labelsPerClient", "applies only to \"partition\": \"shards\"; remove it or change the partition.");
                }

                v.Range("$.data.labelsPerClient", labels, 1, 10);
            }

            if (data.SamplesPerClient is { } spc)
            {
                v.Range("$.data.samplesPerClient", spc, 1, 10_000_000);
            }

            v.NonNegativeIf("$.data.heterogeneity", data.Heterogeneity);
            if (data.TestSamples is { } ts)
            {
                if (!real)
                {
                    v.Add("$.data.testSamples", "applies only to a real dataset (\"dataset\": \"fashion-mnist\"); remove it.");
                }

                v.Range("$.data.testSamples", ts, 1, 10_000);
            }
            if (data.Directory is not null && !real)
            {
                v.Add("$.data.directory", "applies only to a real dataset (\"dataset\": \"fashion-mnist\"); remove it.");
            }
        }

        if (config.Objective is null && config.Model is null)
        {
            v.Add("$.objective", "missing; give a synthetic objective, e.g. \"objective\": { \"kind\": \"quadratic\", \"dimension\": 100 }, or a \"model\" for real data.");
            return;
        }

        if (config.Objective is not null && config.Model is not null)
        {
            v.Add("$.model", "give either \"objective\" (synthetic) or \"model\" (real data), not both.");
        }

        if (config.Objective is { } o)
        {
            if (real)
            {
                v.Add("$.objective", "a synthetic objective cannot train on fashion-mnist; use \"model\": { \"kind\": \"cnn\" } or \"dataset\": \"synthetic\".");
            }

            v.OneOf("$.objective.kind", o.Kind, Objectives);
            v.Range("$.objective.dimension", o.Dimension, 1, 10_000_000);
            v.NonNegative("$.objective.noise", o.Noise);
            if (o.Smoothness is { } l)
            {
                if (o.Kind is not "quadratic")
                {
                    v.Add("$.objective.smoothness", "applies only to \"kind\": \"quadratic\"; remove it.");
                }

                v.Positive("$.objective.smoothness", l);
            }

            if (o.Kind == "quadratic")
            {
                if (o.Samples is not null)
                {
                    v.Add("$.objective.samples", "does not apply to the quadratic (its gradients are exact plus noise); remove it.");
                }

                if (o.BatchSize is not null)
                {
                    v.Add("$.objective.batchSize", "does not apply to the quadratic (its gradients are exact plus noise); remove it.");
                }
            }

            if (o.Samples is { } n)
            {
                v.Range("$.objective.samples", n, 1, 10_000_000);
            }

            if (o.BatchSize is { } b)
            {
                v.Range("$.objective.batchSize", b, 1, o.Samples ?? int.MaxValue);
            }
        }

        if (config.Model is { } m)
        {
            v.OneOf("$.model.kind", m.Kind, ["mlp", "cnn", "cnn-small"]);
            if (m.LocalUnit is not null)
            {
                v.OneOf("$.model.localUnit", m.LocalUnit, ["epochs", "steps"]);
            }

            if (m.Hidden is { } h)
            {
                if (m.Kind != "mlp")
                {
                    v.Add("$.model.hidden", "applies only to \"kind\": \"mlp\"; remove it.");
                }

                v.Range("$.model.hidden", h, 1, 100_000);
            }

            if (m.Channels is { } ch)
            {
                if (m.Kind != "cnn-small")
                {
                    v.Add("$.model.channels", "applies only to \"kind\": \"cnn-small\"; remove it.");
                }

                if (ch.Length != 2)
                {
                    v.Add("$.model.channels", Fmt.I($"must list the channels of the two convolutions, e.g. [16, 32]; got {ch.Length} value(s)."));
                }
                else
                {
                    v.Range("$.model.channels[0]", ch[0], 1, 512);
                    v.Range("$.model.channels[1]", ch[1], 1, 512);
                }
            }

            if (m.Optimizer is not null)
            {
                v.OneOf("$.model.optimizer", m.Optimizer, ["adam", "sgd"]);
            }

            if (m.Momentum is { } mom)
            {
                if (m.Optimizer != "sgd")
                {
                    v.Add("$.model.momentum", "applies only to \"optimizer\": \"sgd\"; remove it.");
                }

                if (!(mom >= 0 && mom < 1))
                {
                    v.Add("$.model.momentum", "must be in [0, 1), got " + Fmt.N(mom) + ".");
                }
            }
            if (!real)
            {
                v.Add("$.data.dataset", "a \"model\" needs real data; set \"data\": { \"dataset\": \"fashion-mnist\" }.");
            }

            if (m.BatchSize is { } b)
            {
                v.Range("$.model.batchSize", b, 1, 60_000);
            }

            if (m.Device is not null)
            {
                v.OneOf("$.model.device", m.Device, ["cpu", "cuda"]);
            }
        }
    }
}
