using FsCheck;
using FsCheck.Xunit;

using static AsyncFl.Aggregators.Tests.TestUtil;

namespace AsyncFl.Aggregators.Tests;
/// <summary>
/// No sequence of finite updates may make the global model non-finite, for any aggregator or server optimiser: a
/// hostile client sends finite values near float.MaxValue, huge sample counts and weights; the aggregators either
/// apply them (finitely) or refuse them as NonFiniteResult with the model bit-identical, and their state is not
/// poisoned (ordinary updates afterwards still train).
/// </summary>
public class FiniteModelTests
{
    private const float Max = float.MaxValue;

    [Fact]
    public void FedAsync_MixesTwoModelsNearFloatMax_IntoAFiniteModel()
    {
        // x − y overflows in a one-pass lerp (3.4e38 − (−3.4e38) = ∞, then NaN); the convex combination does not.
        using var m = Model(0f, 0f, 1f, -1f);
        using var agg = new FedAsyncAggregator(m, new FedAsyncOptions { Alpha = 0.6 });
        Assert.True(agg.Submit(Update(UpdatePayloadKind.Weights, [Max, -Max, Max, 0.5f * Max]), Opt()).Accepted);
        var second = agg.Submit(Update(UpdatePayloadKind.Weights, [-Max, Max, -Max, -Max], baseVersion: 1), Opt());
        Assert.True(second.Accepted, second.Reason.ToString());
        float[] x = m.Parameters.ToArray();
        Assert.All(x, v => Assert.True(float.IsFinite(v), $"model element {v}"));

        // (1 − a)·x + a·y with a = 0.6 at τ = 0: first 0.6·Max, then 0.4·0.6·Max − 0.6·Max = −0.36·Max.
        Assert.Equal(-0.36 * Max, x[0], 0.36 * Max * 1e-6);
    }

    [Theory]
    [MemberData(nameof(AggregatorFactories.All), MemberType = typeof(AggregatorFactories))]
    public void HostileFiniteUpdates_NeverMakeTheModelNonFinite_AndRefusalsChangeNothing(string name)
    {
        foreach (int seed in new[] { 1, 2, 3, 4, 5 })
        {
            RunHostileSequence(name, seed, steps: 120);
        }
    }

    [Property(MaxTest = 40)]
    public void AnyHostileSequence_KeepsEveryAggregatorsModelFinite(PositiveInt seed)
    {
        foreach (string name in AggregatorFactories.Names)
        {
            RunHostileSequence(name, seed.Get, steps: 40);
        }
    }

    [Theory]
    [InlineData(Backends.AdaptiveRule.Adam)]
    [InlineData(Backends.AdaptiveRule.Yogi)]
    [InlineData(Backends.AdaptiveRule.Adagrad)]
    public void AdaptiveServerOptimisers_RefuseAStepThatWouldOverflowTheirMoments(Backends.AdaptiveRule rule)
    {
        // Δ = 1e20: Δ² = 1e40 overflows float in v; the step is refused and the optimiser is still usable.
        using var m = Model(1f, 2f);
        using var agg = new FedBuffAggregator(m, new FedBuffOptions { BufferSize = 1, ServerOptimizer = new AdaptiveServerOptimizerOptions(rule) });
        var huge = agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1e20f, -1e20f]), Opt());
        Assert.Equal(RejectionReason.NonFiniteResult, huge.Reason);
        Assert.Equal([1f, 2f], m.Parameters.ToArray());
        Assert.Equal(0, m.Version.Value);
        Assert.True(agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0.5f, -0.5f]), Opt()).Accepted);
        float[] x = m.Parameters.ToArray();
        Assert.True(x[0] > 1f && x[1] < 2f && float.IsFinite(x[0]) && float.IsFinite(x[1]), $"{x[0]}, {x[1]}");
    }

    [Fact]
    public void ServerSgd_RefusesAGradientThatWouldOverflow_AndCountsIt()
    {
        using var m = Model(3e38f, -3e38f);
        using var agg = new SgdAggregator(m, new SgdAggregatorOptions { LearningRate = 1 });
        var o = agg.Submit(Update(UpdatePayloadKind.Gradient, [-3e38f, 3e38f]), Opt());
        Assert.Equal(RejectionReason.NonFiniteResult, o.Reason);
        Assert.Equal(1, agg.Counters.Rejected(RejectionReason.NonFiniteResult));
        Assert.Equal([3e38f, -3e38f], m.Parameters.ToArray());

        // A gradient that keeps it finite is applied, even this close to the edge (checked exactly, not by bound).
        Assert.True(agg.Submit(Update(UpdatePayloadKind.Gradient, [1e38f, -1e38f]), Opt()).Accepted);
        Assert.Equal([3e38f - 1e38f, -3e38f + 1e38f], m.Parameters.ToArray());
    }

    [Fact]
    public void ABufferWhoseStepWouldOverflow_IsDroppedAndCounted()
    {
        // Four deltas of 2e37 each are individually fine; their sum (8e37, η = 1, Count normalisation → mean 2e37)
        // added to a model at 3.3e38 would overflow: the step is refused, the model unchanged, the buffer dropped.
        using var m = Model(3.3e38f);
        using var agg = new FedBuffAggregator(m, new FedBuffOptions { BufferSize = 4, ServerOptimizer = ServerOptimizers.Sgd(1) });
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(UpdateDisposition.Buffered, agg.Submit(Update(UpdatePayloadKind.ModelDelta, [2e37f], client: i), Opt()).Disposition);
        }

        var last = agg.Submit(Update(UpdatePayloadKind.ModelDelta, [2e37f], client: 3), Opt());
        Assert.Equal(RejectionReason.NonFiniteResult, last.Reason);
        Assert.Equal([3.3e38f], m.Parameters.ToArray());
        Assert.Equal(3, agg.Counters.DroppedFromBuffer);
        Assert.Equal(0, agg.PendingCount);
        Assert.True(agg.Submit(Update(UpdatePayloadKind.ModelDelta, [-1e38f], client: 0), Opt()).Accepted);
    }

    private static void RunHostileSequence(string name, int seed, int steps)
    {
        var rng = new Random(seed);
        float[] x0 = [0.5f, -1f, 2f, 0f];
        using var m = Model(x0);
        using var agg = AggregatorFactories.Create(name, m, clientCount: 8);
        var kind = AggregatorFactories.KindFor(name);
        float[] magnitudes = [1f, 1e18f, 1e30f, 1e37f, 1e38f, Max];
        double[] weights = [1, 0.5, 1e10, 1e30];
        for (int k = 0; k < steps; k++)
        {
            float[] before = m.Parameters.ToArray();
            long version = m.Version.Value;
            AggregationOutcome outcome;
            if (rng.Next(6) == 0)
            {
                outcome = agg.Flush(FlushOptions.Default);
            }
            else
            {
                var payload = new float[4];
                for (int i = 0; i < 4; i++)
                {
                    payload[i] = magnitudes[rng.Next(magnitudes.Length)] * (rng.Next(2) == 0 ? 1 : -1) * (float)rng.NextDouble();
                }

                var update = Update(kind, payload, baseVersion: version - rng.Next((int)Math.Min(3, version + 1)), client: rng.Next(8), samples: rng.Next(3) == 0 ? int.MaxValue : 1 + rng.Next(5));
                outcome = agg.Submit(update, Opt(weight: weights[rng.Next(weights.Length)]));
                update.Payload.Dispose();
            }

            float[] after = m.Parameters.ToArray();
            Assert.True(after.All(float.IsFinite), $"{name} seed {seed} step {k}: model [{string.Join(", ", after)}] after {outcome.Disposition} {outcome.Reason}");
            if (outcome.Reason == RejectionReason.NonFiniteResult)
            {
                Assert.Equal(before, after);
                Assert.Equal(version, m.Version.Value);
            }
        }

        // The aggregator's state is not poisoned: ordinary updates keep being accepted and the model stays finite.
        int accepted = 0;
        var reasons = new List<RejectionReason>();
        for (int k = 0; k < 30; k++)
        {
            var update = Update(kind, [0.1f, -0.2f, 0.3f, 0.05f], baseVersion: m.Version.Value, client: k % 4);
            var outcome = agg.Submit(update, Opt());
            if (outcome.Accepted)
            {
                accepted++;
            }
            else
            {
                reasons.Add(outcome.Reason);
            }

            update.Payload.Dispose();
            if (k % 4 == 3)
            {
                agg.Flush(FlushOptions.Default); // one contribution per client per buffer
            }
        }

        agg.Flush(FlushOptions.Default);
        Assert.True(m.Parameters.ToArray().All(float.IsFinite), $"{name} seed {seed}: non-finite after ordinary updates");
        Assert.True(accepted >= 20, $"{name} seed {seed}: only {accepted} of 30 ordinary updates accepted ({string.Join(", ", reasons)}); model [{string.Join(", ", m.Parameters.ToArray())}]");
    }
}
