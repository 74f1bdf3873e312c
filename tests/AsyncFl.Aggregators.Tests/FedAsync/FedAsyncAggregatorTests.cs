using FsCheck;
using FsCheck.Xunit;

using static AsyncFl.Aggregators.Tests.TestUtil;

namespace AsyncFl.Aggregators.Tests;

public class FedAsyncAggregatorTests
{
    [Fact]
    public void Build_RejectsAWorkloadWhosePayloadKindFedAsyncCannotAccept()
    {
        // FedAsync mixes models; a delta workload would build, then see every result rejected as UnsupportedKind.
        var builder = new FederatedServerBuilder()
            .WithInitialModel([0f, 0f])
            .UseWorkload(new ConstantWorkload(UpdatePayloadKind.ModelDelta))
            .AddFedAsync()
            .UseScheduler(new IdleScheduler());
        var ex = Assert.Throws<ArgumentException>(() => builder.Build());
        Assert.Contains("FedAsync does not accept ModelDelta payloads", ex.Message, StringComparison.Ordinal);
        Assert.Contains("It accepts Weights", ex.Message, StringComparison.Ordinal);

        using var server = builder.UseWorkload(new ConstantWorkload(UpdatePayloadKind.Weights)).Build();
        Assert.Equal("FedAsync", server.Aggregator.Name);
    }

    private sealed class IdleScheduler : IScheduler
    {
        public string Name => "idle";

        public void OnStart(ISchedulerContext context)
        {
        }

        public void OnResult(ISchedulerContext context, in TaskResult result) => context.Discard(in result, RejectionReason.DiscardedByScheduler);

        public void OnTaskEnded(ISchedulerContext context, in TaskEnded ended)
        {
        }

        public void OnClientAvailable(ISchedulerContext context, int clientId)
        {
        }

        public void OnTimer(ISchedulerContext context, long tag)
        {
        }
    }

    private sealed class ConstantWorkload(UpdatePayloadKind kind) : IClientWorkload
    {
        public int Dimension => 2;

        public UpdatePayloadKind PayloadKind => kind;

        public void Execute(in ClientWork work, Backends.ParameterVector baseModel, ClientUpdate update, RandomSource random) =>
            update.Payload.CopyFrom([1f, 1f]);
    }

    [Fact]
    public void Mix_UsesAlphaTimesStaleness()
    {
        using var m = Model(0f, 10f);
        using var agg = new FedAsyncAggregator(m, new FedAsyncOptions { Alpha = 0.5, Staleness = StalenessFunctions.Polynomial(1) });
        var o = agg.Submit(Update(UpdatePayloadKind.Weights, [4f, 2f]), Opt());
        Assert.Equal(0.5, o.Weight, 12);
        Near([2, 6], m.Parameters.ToArray());
        // base 0 at version 1: τ = 1, α_t = 0.5 · 1/2 = 0.25
        var o2 = agg.Submit(Update(UpdatePayloadKind.Weights, [6f, 6f], baseVersion: 0), Opt());
        Assert.Equal(1, o2.Staleness);
        Assert.Equal(0.25, o2.Weight, 12);
        Near([3, 6], m.Parameters.ToArray());
        Assert.Equal(2, m.Version.Value);
    }

    [Fact]
    public void AlphaIsClampedToOne_AndBoundRejects()
    {
        using var m = Model(1f);
        using var agg = new FedAsyncAggregator(m, new FedAsyncOptions { Alpha = 0.9, MaxStaleness = 0 });
        var o = agg.Submit(Update(UpdatePayloadKind.Weights, [5f]), Opt(weight: 10));
        Assert.Equal(1.0, o.Weight);
        Assert.Equal([5f], m.Parameters.ToArray());
        Assert.Equal(RejectionReason.TooStale, agg.Submit(Update(UpdatePayloadKind.Weights, [5f], baseVersion: 0), Opt()).Reason);
        Assert.Equal(RejectionReason.UnsupportedKind, agg.Submit(Update(UpdatePayloadKind.ModelDelta, [5f], baseVersion: 1), Opt()).Reason);
    }

    [Property(MaxTest = 100)]
    public bool Mix_IsConvexCombination(int seed, byte alphaRaw, byte tau)
    {
        var rng = new Random(seed);
        int d = 1 + rng.Next(40);
        float[] x = new float[d], y = new float[d];
        for (int i = 0; i < d; i++)
        {
            x[i] = (float)((rng.NextDouble() - 0.5) * 200);
            y[i] = (float)((rng.NextDouble() - 0.5) * 200);
        }

        using var m = Model(x);
        for (int k = 0; k < tau % 8; k++)
        {
            m.BumpVersion();
        }

        using var agg = new FedAsyncAggregator(m, new FedAsyncOptions { Alpha = alphaRaw / 255.0, Staleness = StalenessFunctions.Hinge(2, 2) });
        agg.Submit(Update(UpdatePayloadKind.Weights, y, baseVersion: 0), Opt());
        float[] z = m.Parameters.ToArray();
        for (int i = 0; i < d; i++)
        {
            if (z[i] < Math.Min(x[i], y[i]) || z[i] > Math.Max(x[i], y[i]))
            {
                return false;
            }
        }

        return true;
    }

    // Vectors computed by hand from the formulas of spec aggregation.md (derivations in the comments).
    [Fact]
    public void MixesModelsWithAlphaTimesStalenessWeight()
    {
        using var m = Model(2f, -4f);
        using var agg = new FedAsyncAggregator(m, new FedAsyncOptions { Alpha = 0.5, Staleness = StalenessFunctions.Polynomial(1) });

        // τ = 0: α_t = 0.5 → x = 0.5·[2,−4] + 0.5·[4,0] = [3,−2].
        var o1 = agg.Submit(Update(UpdatePayloadKind.Weights, [4f, 0f]), Opt());
        Assert.Equal(UpdateDisposition.Applied, o1.Disposition);
        Near(0.5, o1.Weight);
        Near([3, -2], m.Parameters.ToArray());
        Assert.Equal(1, m.Version.Value);

        // τ = 1: α_t = 0.5·(1+1)^-1 = 0.25 → x = 0.75·[3,−2] + 0.25·[7,2] = [4,−1].
        var o2 = agg.Submit(Update(UpdatePayloadKind.Weights, [7f, 2f], baseVersion: 0, client: 1), Opt());
        Near(0.25, o2.Weight);
        Near([4, -1], m.Parameters.ToArray());
    }

    [Fact]
    public void HingeStalenessInsideFedAsync()
    {
        using var m = Model(0f);
        using var agg = new FedAsyncAggregator(m, new FedAsyncOptions { Alpha = 0.9, Staleness = StalenessFunctions.Hinge(10, 1) });
        agg.Submit(Update(UpdatePayloadKind.Weights, [0f]), Opt());                  // v1
        agg.Submit(Update(UpdatePayloadKind.Weights, [0f], baseVersion: 1), Opt());  // v2
        agg.Submit(Update(UpdatePayloadKind.Weights, [0f], baseVersion: 2), Opt());  // v3
        // τ = 3, b = 1: s = 1/(10·2 + 1) = 1/21 → α_t = 0.9/21; x = (0.9/21)·21 = 0.9.
        var o = agg.Submit(Update(UpdatePayloadKind.Weights, [21f], baseVersion: 0, client: 1), Opt());
        Near(0.9 / 21, o.Weight);
        Near([0.9], m.Parameters.ToArray());
    }

    [Fact]
    public void AlphaTimesWeightIsClampedToOne()
    {
        using var m = Model(5f, 5f);
        using var agg = new FedAsyncAggregator(m, new FedAsyncOptions { Alpha = 0.9, Staleness = StalenessFunctions.Constant() });
        Assert.Equal(1.0, agg.MixingWeight(0, 2.0));
        var o = agg.Submit(Update(UpdatePayloadKind.Weights, [1f, -1f]), Opt(weight: 2.0));
        Assert.Equal(1.0, o.Weight);
        Assert.Equal([1f, -1f], m.Parameters.ToArray());
    }

    [Fact]
    public void NaNAlphaIsRejectedWithItsName()
    {
        using var m = Model(0f);
        var e = Assert.ThrowsAny<ArgumentException>(() => new FedAsyncAggregator(m, new FedAsyncOptions { Alpha = double.NaN }));
        Assert.Contains("Alpha", e.Message, StringComparison.Ordinal);
    }
}
