
using static AsyncFl.Aggregators.Tests.TestUtil;

namespace AsyncFl.Aggregators.Tests;
/// <summary>
/// The buffered aggregators make fewer passes than the original formula (the first update of a buffer is one scaled
/// copy instead of Copy + Scale; 1/Z is folded into server SGD's step scalar instead of scaling the accumulator first;
/// momentum is one weighted-sum pass). These tests replay the original pass-by-pass formula with the backend and
/// require the same model within float tolerance, over several buffers, mixed kinds, staleness and weights.
/// </summary>
public class BufferedDeltaAggregatorTests
{
    private const int D = 1037; // not a multiple of any vector width: the overlapped tails are exercised too

    private sealed record Step(UpdatePayloadKind Kind, long Staleness, double Weight, float[] Payload);

    private static List<Step> Script(int count, int seed)
    {
        var rng = RandomSource.Create(seed, 3);
        var steps = new List<Step>();
        for (int u = 0; u < count; u++)
        {
            var p = new float[D];
            for (int i = 0; i < D; i++)
            {
                p[i] = (rng.NextSingle() * 2f) - 1f;
            }

            var kind = rng.Next(3) == 0 ? UpdatePayloadKind.PseudoGradient : UpdatePayloadKind.ModelDelta;
            steps.Add(new Step(kind, rng.Next(4), 0.25 + rng.NextDouble(), p));
        }

        return steps;
    }

    private static float[] Initial()
    {
        var rng = RandomSource.Create(5, 9);
        var x = new float[D];
        for (int i = 0; i < D; i++)
        {
            x[i] = (rng.NextSingle() * 4f) - 2f;
        }

        return x;
    }

    // The original formula, pass by pass: acc = Copy(Δ) then Scale(c) (c ≠ 1) for the first update, AddScaled(acc, Δ, c)
    // after; at K: Scale(acc, 1/Z), then the optimiser (SGD: x += η·acc; FedAvgM: m = μ·m; m += acc; x += η·m).
    private static float[] OldFormula(List<Step> script, int k, double eta, double mu, bool weightSum, int flushAfter, double flushNormalizer)
    {
        var backend = Cpu;
        using var x = backend.FromSpan(Initial());
        using var acc = backend.Allocate(D);
        using var m = backend.Allocate(D);
        var s = StalenessFunctions.InverseSqrt();
        long version = 0;
        int count = 0;
        double wsum = 0;

        void Apply(double z)
        {
            backend.Scale(acc, (float)(1.0 / z));
            if (mu > 0)
            {
                backend.Scale(m, (float)mu);
                backend.AddScaled(m, acc, 1f);
                backend.AddScaled(x, m, (float)eta);
            }
            else
            {
                backend.AddScaled(x, acc, (float)eta);
            }

            version++;
            count = 0;
            wsum = 0;
        }

        for (int u = 0; u < script.Count; u++)
        {
            Step st = script[u];
            long tau = Math.Min(st.Staleness, version);
            double omega = s.Weight(tau) * 1.0 * st.Weight;
            float c = (float)((st.Kind == UpdatePayloadKind.ModelDelta ? 1.0 : -1.0) * omega);
            using var p = backend.FromSpan(st.Payload);
            if (count == 0)
            {
                backend.Copy(p, acc);
                if (c != 1f)
                {
                    backend.Scale(acc, c);
                }
            }
            else
            {
                backend.AddScaled(acc, p, c);
            }

            count++;
            wsum += omega;
            if (count == k)
            {
                Apply(weightSum ? wsum : count);
            }

            if (u == flushAfter && count > 0)
            {
                Apply(double.IsNaN(flushNormalizer) ? (weightSum ? wsum : count) : flushNormalizer);
            }
        }

        return x.ToArray();
    }

    private static float[] Aggregated(IAggregator agg, GlobalModel model, List<Step> script, int flushAfter, double flushNormalizer)
    {
        for (int u = 0; u < script.Count; u++)
        {
            Step st = script[u];
            long tau = Math.Min(st.Staleness, model.Version.Value);
            var o = agg.Submit(Update(st.Kind, st.Payload, baseVersion: model.Version.Value - tau, client: u), Opt(st.Weight));
            Assert.NotEqual(UpdateDisposition.Rejected, o.Disposition);
            if (u == flushAfter)
            {
                agg.Flush(new FlushOptions { Normalizer = flushNormalizer });
            }
        }

        return model.Parameters.ToArray();
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double maxDiff = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(float.IsFinite(actual[i]), $"[{i}] is {actual[i]}");
            maxDiff = Math.Max(maxDiff, Math.Abs((double)expected[i] - actual[i]));
        }

        // |x| ≤ ~10 after a few steps; a few float roundings of difference are ≈ 1e-6.
        Assert.True(maxDiff <= 1e-5, $"max |old − new| = {maxDiff:R}");
    }

    [Theory]
    [InlineData(4, 1.0, 0.0, false, -1, double.NaN)]  // FedBuff defaults with non-unit weights and staleness
    [InlineData(3, 0.7, 0.0, true, 7, double.NaN)]    // Σω normalisation, partial flush
    [InlineData(5, 1.0, 0.0, false, 6, 2.5)]          // flush with the caller's normaliser
    [InlineData(4, 0.5, 0.9, false, 9, double.NaN)]   // FedAvgM: momentum step is one weighted-sum pass
    public void FedBuff_EqualsThePassByPassFormula(int k, double eta, double mu, bool weightSum, int flushAfter, double flushNormalizer)
    {
        List<Step> script = Script(23, seed: k + (int)(mu * 10));
        float[] expected = OldFormula(script, k, eta, mu, weightSum, flushAfter, flushNormalizer);
        using var model = GlobalModel.Create(Cpu, Initial());
        var options = new FedBuffOptions
        {
            BufferSize = k,
            OnePerClientPerBuffer = false,
            Normalization = weightSum ? BufferNormalization.WeightSum : BufferNormalization.Count,
            ServerOptimizer = mu > 0 ? ServerOptimizers.FedAvgM(eta, mu) : ServerOptimizers.Sgd(eta),
        };
        using var agg = new FedBuffAggregator(model, options);
        float[] actual = Aggregated(agg, model, script, flushAfter, flushNormalizer);
        Assert.NotEqual(Initial(), actual);
        AssertClose(expected, actual);
    }

    [Fact]
    public void VersionAware_Deltas_EqualsThePassByPassFormula()
    {
        List<Step> script = Script(20, seed: 11);
        float[] expected = OldFormula(script, 4, 1.0, 0.0, weightSum: true, -1, double.NaN);
        using var model = GlobalModel.Create(Cpu, Initial());
        using var agg = new VersionAwareAggregator(model, new VersionAwareOptions { BufferSize = 4, OnePerClientPerBuffer = false });
        float[] actual = Aggregated(agg, model, script, -1, double.NaN);
        AssertClose(expected, actual);
    }

    [Fact]
    public void FirstUpdateOfABuffer_IsExactlyTheScaledDelta()
    {
        // One update, K = 1, weight 0.3, τ = 0, SGD η = 1: x = x0 + (1/1)·fma(0.3f, Δ, 0) exactly, i.e. x0 + fl(0.3f·Δ).
        float[] x0 = [1f, -2f, 0.5f, 3f, 7f];
        float[] delta = [0.1f, 0.2f, -0.3f, 1e-3f, -5f];
        using var model = Model(x0);
        using var agg = new FedBuffAggregator(model, new FedBuffOptions { BufferSize = 1 });
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, delta), Opt(0.3));
        float w = (float)0.3;
        float[] expected = new float[x0.Length];
        for (int i = 0; i < x0.Length; i++)
        {
            expected[i] = MathF.FusedMultiplyAdd(1f, w * delta[i], x0[i]);
        }

        Assert.Equal(expected, model.Parameters.ToArray());
    }
}
