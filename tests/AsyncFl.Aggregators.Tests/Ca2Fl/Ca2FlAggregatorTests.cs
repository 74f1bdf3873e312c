
using static AsyncFl.Aggregators.Tests.TestUtil;

namespace AsyncFl.Aggregators.Tests;
public class Ca2FlAggregatorTests
{
    private static Ca2FlAggregator Create(GlobalModel m, int clients, int buffer, bool onePerClient = false, long? maxStaleness = null, ServerOptimizerOptions? optimizer = null, long? maxCacheAge = null) =>
        new(m, new Ca2FlOptions
        {
            ClientCount = clients,
            BufferSize = buffer,
            OnePerClientPerBuffer = onePerClient,
            MaxStaleness = maxStaleness,
            ServerOptimizer = optimizer ?? ServerOptimizers.Sgd(),
            MaxCacheAge = maxCacheAge,
        });

    private static float[] CacheMean(Ca2FlAggregator agg, int d)
    {
        using var v = Cpu.Allocate(d);
        agg.CopyCacheMean(v);
        return v.ToArray();
    }

    [Fact]
    public void TwoBuffers_ByHand()
    {
        // N = 4, M = 2. Buffer 1 (empty cache): acc = 4 + 8, v = 0 + 12/2 = 6; cache mean → (4 + 8)/4 = 3.
        // Buffer 2: client 0 again (cache 4 → 2): acc = (2 − 4) + (10 − 0) = 8, v = 3 + 8/2 = 7 → x = 13;
        // cache mean → (2 + 8 + 10 + 0)/4 = 5.
        using var m = Model(0f);
        using var agg = Create(m, clients: 4, buffer: 2);
        Assert.Equal(UpdateDisposition.Buffered, agg.Submit(Update(UpdatePayloadKind.ModelDelta, [4f], client: 0), Opt()).Disposition);
        Assert.Equal(UpdateDisposition.Applied, agg.Submit(Update(UpdatePayloadKind.ModelDelta, [8f], client: 1), Opt()).Disposition);
        Assert.Equal([6f], m.Parameters.ToArray());
        Assert.Equal([3f], CacheMean(agg, 1));
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [2f], baseVersion: 1, client: 0), Opt());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [10f], baseVersion: 0, client: 2), Opt());
        Assert.Equal([13f], m.Parameters.ToArray());
        Assert.Equal([5f], CacheMean(agg, 1));
        Assert.Equal(3, agg.CachedClients);
        Assert.Equal(2, m.Version.Value);
    }

    [Fact]
    public void ARareClient_KeepsCountingThroughItsCache_UnlikeFedBuff()
    {
        // N = 2, M = 1. Client 1 reports +10 once; client 0 then reports 0 again and again. CA²FL keeps the cached
        // +10 in every step (v = h̄ + (0 − h⁰) = 5): 10, 15, 20. FedBuff would stay at 10.
        using var m = Model(0f);
        using var agg = Create(m, clients: 2, buffer: 1);
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [10f], client: 1), Opt());
        Assert.Equal([10f], m.Parameters.ToArray());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0f], baseVersion: 1, client: 0), Opt());
        Assert.Equal([15f], m.Parameters.ToArray());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0f], baseVersion: 2, client: 0), Opt());
        Assert.Equal([20f], m.Parameters.ToArray());
    }

    [Fact]
    public void ARepeatInsideOneBuffer_Telescopes()
    {
        // N = 2, M = 3, empty cache: client 0 sends 1 then 3, client 1 sends 5: acc = (1 − 0) + (3 − 1) + (5 − 0) = 8,
        // v = 8/3; cache mean = (3 + 5)/2 = 4.
        using var m = Model(0f);
        using var agg = Create(m, clients: 2, buffer: 3);
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f], client: 0), Opt());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [3f], client: 0), Opt());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [5f], client: 1), Opt());
        Near([8.0 / 3], m.Parameters.ToArray());
        Assert.Equal([4f], CacheMean(agg, 1));
    }

    [Fact]
    public void Weight_ScalesTheCalibrationTerm_NotTheCache()
    {
        // N = 2, M = 1. Client 0 sends 4 with w = 0.5: v = 0 + 0.5·4 = 2; the cache holds 4, mean 2 (not 1).
        // Client 1 sends 0: v = 2 + (0 − 0) = 2 → x = 4.
        using var m = Model(0f);
        using var agg = Create(m, clients: 2, buffer: 1);
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [4f], client: 0), Opt(weight: 0.5));
        Assert.Equal([2f], m.Parameters.ToArray());
        Assert.Equal([2f], CacheMean(agg, 1));
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0f], baseVersion: 1, client: 1), Opt());
        Assert.Equal([4f], m.Parameters.ToArray());
    }

    [Fact]
    public void PseudoGradient_EntersNegated_AndIsCachedAsADelta()
    {
        using var m = Model(1f, 1f);
        using var agg = Create(m, clients: 2, buffer: 1);
        agg.Submit(Update(UpdatePayloadKind.PseudoGradient, [2f, -4f], client: 0), Opt());
        Assert.Equal([-1f, 5f], m.Parameters.ToArray());
        Assert.Equal([-1f, 2f], CacheMean(agg, 2));
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [-2f, 4f], baseVersion: 1, client: 0), Opt()); // same as cached: v = h̄
        Assert.Equal([-2f, 7f], m.Parameters.ToArray());
    }

    [Fact]
    public void WithMEqualNAndOneUpdatePerClient_TheFirstStepIsFedBuffsMean()
    {
        float[][] deltas = [[1f, -2f], [0.5f, 3f], [-4f, 0.25f]];
        using var a = Model(0.3f, -0.7f);
        using var b = Model(0.3f, -0.7f);
        using var ca = Create(a, clients: 3, buffer: 3);
        using var fb = new FedBuffAggregator(b, new FedBuffOptions { BufferSize = 3, Staleness = StalenessFunctions.Constant() });
        for (int i = 0; i < 3; i++)
        {
            ca.Submit(Update(UpdatePayloadKind.ModelDelta, deltas[i], client: i), Opt());
            fb.Submit(Update(UpdatePayloadKind.ModelDelta, deltas[i], client: i), Opt());
        }

        Near(b.Parameters.ToArray().Select(x => (double)x).ToArray(), a.Parameters.ToArray());
    }

    [Fact]
    public void PartialFlush_DividesByTheNumberBuffered()
    {
        // Cache mean 3 from a first full buffer (N = 4, M = 2: 4, 8 → x = 6), then one update of 7 from client 3 and
        // a flush: v = 3 + 7/1 = 10 → x = 16; the flush's own normaliser 2 gives 3 + 3.5 instead.
        using var m = Model(0f);
        using var agg = Create(m, clients: 4, buffer: 2);
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [4f], client: 0), Opt());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [8f], client: 1), Opt());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [7f], baseVersion: 1, client: 3), Opt());
        Assert.Equal(UpdateDisposition.Applied, agg.Flush(FlushOptions.Default).Disposition);
        Assert.Equal([16f], m.Parameters.ToArray());
        Assert.Equal(0, agg.PendingCount);
        Assert.Equal(UpdateDisposition.Nothing, agg.Flush(FlushOptions.Default).Disposition);
    }

    [Fact]
    public void ServerMomentum_AppliesToTheCalibratedUpdate()
    {
        // M = 1, N = 1: v = Δ (the cache is the client's own last update, h̄ = h⁰). FedAvgM(η = 0.5, μ = 0.9):
        // m = 1, x = 0.5; second Δ = 1: v = 1 + (1 − 1) = 1, m = 1.9, x = 1.45.
        using var m = Model(0f);
        using var agg = Create(m, clients: 1, buffer: 1, optimizer: ServerOptimizers.FedAvgM(0.5, 0.9));
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f]), Opt());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f], baseVersion: 1), Opt());
        Near([1.45], m.Parameters.ToArray());
    }

    [Fact]
    public void Rejections_LeaveModelCacheAndBufferUntouched()
    {
        using var m = Model(1f, 2f);
        using var agg = Create(m, clients: 3, buffer: 2, onePerClient: true, maxStaleness: 1);
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f, 1f], client: 0), Opt());
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f, 1f], client: 1), Opt()); // version 1
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [3f, 3f], baseVersion: 1, client: 2), Opt());
        float[] before = m.Parameters.ToArray();
        float[] meanBefore = CacheMean(agg, 2);
        Assert.Equal(RejectionReason.ClientAlreadyInBuffer, agg.Submit(Update(UpdatePayloadKind.ModelDelta, [9f, 9f], baseVersion: 1, client: 2), Opt()).Reason);
        Assert.Equal(RejectionReason.UnknownClient, agg.Submit(Update(UpdatePayloadKind.ModelDelta, [9f, 9f], baseVersion: 1, client: 3), Opt()).Reason);
        Assert.Equal(RejectionReason.NonFinite, agg.Submit(Update(UpdatePayloadKind.ModelDelta, [float.NaN, 9f], baseVersion: 1, client: 0), Opt()).Reason);
        Assert.Equal(RejectionReason.UnsupportedKind, agg.Submit(Update(UpdatePayloadKind.Weights, [9f, 9f], baseVersion: 1, client: 0), Opt()).Reason);
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0f, 0f], baseVersion: 1, client: 0), Opt()); // version 2
        Assert.Equal(RejectionReason.TooStale, agg.Submit(Update(UpdatePayloadKind.ModelDelta, [9f, 9f], baseVersion: 0, client: 1), Opt()).Reason);
        Assert.Equal(5, agg.Counters.RejectedTotal);
        Assert.Equal(1, agg.Counters.Rejected(RejectionReason.TooStale));

        // The same accepted stream on a fresh aggregator gives the same model: the rejections changed nothing.
        using var m2 = Model(1f, 2f);
        using var ref2 = Create(m2, clients: 3, buffer: 2, onePerClient: true, maxStaleness: 1);
        ref2.Submit(Update(UpdatePayloadKind.ModelDelta, [1f, 1f], client: 0), Opt());
        ref2.Submit(Update(UpdatePayloadKind.ModelDelta, [1f, 1f], client: 1), Opt());
        ref2.Submit(Update(UpdatePayloadKind.ModelDelta, [3f, 3f], baseVersion: 1, client: 2), Opt());
        Assert.Equal(before, m2.Parameters.ToArray());
        Assert.Equal(meanBefore, CacheMean(ref2, 2));
        ref2.Submit(Update(UpdatePayloadKind.ModelDelta, [0f, 0f], baseVersion: 1, client: 0), Opt());
        Assert.Equal(m2.Parameters.ToArray(), m.Parameters.ToArray());
    }

    [Fact]
    public void Options_ClientCountIsRequired_AndEveryProblemIsListed()
    {
        using var m = Model(0f);
        var ex = Assert.Throws<ArgumentException>(() => new Ca2FlAggregator(m, new Ca2FlOptions { BufferSize = 0, MaxStaleness = -1, MaxCacheAge = -1 }));
        Assert.Contains("ClientCount", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxCacheAge", ex.Message, StringComparison.Ordinal);
        Assert.Contains("BufferSize", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxStaleness", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new FederatedServerBuilder().AddCa2Fl(new Ca2FlOptions()));
    }

    [Fact]
    public void MaxCacheAge_AnOldEntryLeavesTheMean_AndItsClientsNextUpdateEntersWhole_ByHand()
    {
        // N = 2, M = 1, MaxCacheAge = 1. Client 1: +10 (base 0) → x = 10, v1, h̄ = 5 (age 1: kept).
        // Client 0: 0 (base 1) → v = 5 → x = 15, v2; client 1's entry (base 0) is now 2 > 1 versions old: h̄ = 0.
        // Client 0: 0 (base 2) → v = 0 → x = 15, v3 (the paper's rule, entries kept: 20).
        // Client 1: +4 (base 3) → its old entry counts as 0: v = 0 + (4 − 0) = 4 → x = 19, v4; h̄ = (0 + 4)/2 = 2, then
        // client 0's entry (base 2) is 2 versions old and leaves: h̄ = 2, one live entry.
        using var m = Model(0f);
        using var agg = Create(m, clients: 2, buffer: 1, maxCacheAge: 1);
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [10f], baseVersion: 0, client: 1), Opt());
        Assert.Equal([10f], m.Parameters.ToArray());
        Assert.Equal([5f], CacheMean(agg, 1));
        Assert.Equal(1, agg.CachedClients);
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0f], baseVersion: 1, client: 0), Opt());
        Assert.Equal([15f], m.Parameters.ToArray());
        Assert.Equal([0f], CacheMean(agg, 1));
        Assert.Equal(1, agg.CachedClients);
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [0f], baseVersion: 2, client: 0), Opt());
        Assert.Equal([15f], m.Parameters.ToArray());
        Assert.Equal(1, agg.CachedClients);
        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [4f], baseVersion: 3, client: 1), Opt());
        Assert.Equal([19f], m.Parameters.ToArray());
        Assert.Equal([2f], CacheMean(agg, 1));
        Assert.Equal(1, agg.CachedClients);

        // The same stream under the paper's rule (no expiry) keeps re-applying client 1's +10: 10, 15, 20, 19.
        using var m2 = Model(0f);
        using var paper = Create(m2, clients: 2, buffer: 1);
        paper.Submit(Update(UpdatePayloadKind.ModelDelta, [10f], baseVersion: 0, client: 1), Opt());
        paper.Submit(Update(UpdatePayloadKind.ModelDelta, [0f], baseVersion: 1, client: 0), Opt());
        paper.Submit(Update(UpdatePayloadKind.ModelDelta, [0f], baseVersion: 2, client: 0), Opt());
        Assert.Equal([20f], m2.Parameters.ToArray());
    }

    [Fact]
    public void MaxCacheAgeZero_IsFedBuff()
    {
        // Every entry expires at the end of its step, so the cache mean is 0 and vₜ = acc / M = FedBuff's buffer mean
        // (FedBuff with constant staleness weight and the same server SGD; one update per client per buffer for both,
        // since CA²FL's repeats inside a buffer telescope against the entry the first one wrote).
        const int n = 5, d = 17, m = 3;
        var rng = new Random(77);
        float[] x0 = Enumerable.Range(0, d).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        using var m1 = Model(x0);
        using var m2 = Model(x0);
        using var ca2fl = Create(m1, clients: n, buffer: m, onePerClient: true, maxCacheAge: 0, optimizer: ServerOptimizers.Sgd(0.7));
        using var fedbuff = new FedBuffAggregator(m2, new FedBuffOptions
        {
            BufferSize = m,
            Staleness = StalenessFunctions.Constant(),
            OnePerClientPerBuffer = true,
            ServerOptimizer = ServerOptimizers.Sgd(0.7),
        });
        for (int t = 0; t < 600; t++)
        {
            int client = rng.Next(n);
            float[] payload = Enumerable.Range(0, d).Select(_ => (float)((rng.NextDouble() - 0.5) * 0.1)).ToArray();
            long baseVersion = Math.Max(0, m1.Version.Value - rng.Next(3));
            var a = ca2fl.Submit(Update(UpdatePayloadKind.ModelDelta, payload, baseVersion, client), Opt());
            var b = fedbuff.Submit(Update(UpdatePayloadKind.ModelDelta, payload, baseVersion, client), Opt());
            Assert.Equal(b.Disposition, a.Disposition);
        }

        Assert.True(m1.Version.Value > 100, $"{m1.Version}");
        Assert.Equal(m2.Version, m1.Version);
        Near(m2.Parameters.ToArray().Select(v => (double)v).ToArray(), m1.Parameters.ToArray(), 1e-5);
        Assert.Equal(new float[d], CacheMean(ca2fl, d));
        Assert.Equal(ca2fl.PendingCount, ca2fl.CachedClients); // only the entries of the updates still in the buffer
    }

    [Theory]
    [InlineData(null)]
    [InlineData(3L)]
    public void MatchesADoublePrecisionReferenceOfThePaperRule_OverALongRandomStream(long? maxCacheAge)
    {
        // 3 000 updates from 7 clients with random weights, staleness and payload kinds, partial flushes now and then;
        // reference: Algorithm 1 of the paper written directly (cache array, mean recomputed from the cache each step,
        // double precision). Crosses the aggregator's periodic exact resync of the cache mean several times. With a
        // MaxCacheAge, the reference zeroes every entry whose base version is more than that behind after a step.
        const int n = 7, d = 33, m = 4;
        var rng = new Random(20240507);
        float[] x0 = Enumerable.Range(0, d).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        using var model = Model(x0);
        using var agg = Create(model, clients: n, buffer: m, maxCacheAge: maxCacheAge);
        double[] x = x0.Select(v => (double)v).ToArray();
        double[][] cache = Enumerable.Range(0, n).Select(_ => new double[d]).ToArray();
        long[] cacheBase = new long[n];
        double[] hbar = new double[d];
        double[] acc = new double[d];
        int count = 0;
        long version = 0;
        int expirations = 0;

        void RefStep(int z)
        {
            for (int j = 0; j < d; j++)
            {
                x[j] += hbar[j] + (acc[j] / z);
                acc[j] = 0;
            }

            version++;
            for (int i = 0; i < n; i++)
            {
                if (maxCacheAge is long a && version - cacheBase[i] > a && cache[i].Any(v => v != 0))
                {
                    Array.Clear(cache[i]);
                    expirations++;
                }
            }

            for (int j = 0; j < d; j++)
            {
                hbar[j] = cache.Sum(h => h[j]) / n;
            }

            count = 0;
        }

        for (int t = 0; t < 3000; t++)
        {
            int client = rng.Next(n);
            double w = rng.Next(4) == 0 ? rng.NextDouble() * 2 : 1.0;
            bool gradient = rng.Next(3) == 0;
            float[] payload = Enumerable.Range(0, d).Select(_ => (float)((rng.NextDouble() - 0.5) * 0.02)).ToArray();
            long baseVersion = Math.Max(0, model.Version.Value - rng.Next(4));
            var o = agg.Submit(Update(gradient ? UpdatePayloadKind.PseudoGradient : UpdatePayloadKind.ModelDelta, payload, baseVersion, client), Opt(weight: w));
            Assert.NotEqual(UpdateDisposition.Rejected, o.Disposition);
            for (int j = 0; j < d; j++)
            {
                double delta = gradient ? -payload[j] : payload[j];
                acc[j] += w * (delta - cache[client][j]);
                cache[client][j] = delta;
            }

            cacheBase[client] = baseVersion;

            if (++count == m)
            {
                RefStep(m);
            }
            else if (rng.Next(50) == 0)
            {
                agg.Flush(FlushOptions.Default);
                RefStep(count);
            }
        }

        Assert.True(model.Version.Value > 2 * Ca2FlAggregator.ResyncInterval, "the stream should cross the resync interval");
        Assert.Equal(version, model.Version.Value);
        Assert.True(maxCacheAge is null ? expirations == 0 : expirations > 100, $"{expirations} expirations");
        Near(x, model.Parameters.ToArray(), 2e-5);
        Near(hbar, CacheMean(agg, d), 1e-6);
    }

    [Fact]
    public void AcceptingUpdates_AllocatesNothingOnceEveryClientIsCached()
    {
        using var m = Model(new float[256]);
        using var agg = Create(m, clients: 20, buffer: 4);
        using var payload = Cpu.Allocate(256);
        Cpu.Fill(payload, 0.01f);
        var u = new ClientUpdate(payload) { Kind = UpdatePayloadKind.ModelDelta, SampleCount = 3 };
        long id = 0;

        void Round(int count, double weight)
        {
            var options = Opt(weight: weight);
            for (int k = 0; k < count; k++)
            {
                u.UpdateId = id++;
                u.ClientId = (int)(id % 20);
                u.BaseVersion = m.Version;
                agg.Submit(u, options);
            }
        }

        Round(100, 1.0);
        Round(100, 0.5);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Round(500, 1.0);
        Round(500, 0.5);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
