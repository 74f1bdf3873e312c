
using static AsyncFl.Aggregators.Tests.TestUtil;

namespace AsyncFl.Aggregators.Tests;
public class ConcurrencyAndDeterminismTests
{
    private const int Dim = 33;
    private const int Threads = 64;
    private const int PerThread = 40;

    private sealed record Sent(long Id, int Client, long Base, UpdatePayloadKind Kind, float[] Payload, int Samples, double Weight);

    private static float[] Initial()
    {
        var x = new float[Dim];
        for (int i = 0; i < Dim; i++)
        {
            x[i] = (i % 7) - 3;
        }

        return x;
    }

    [Theory]
    [MemberData(nameof(AggregatorFactories.All), MemberType = typeof(AggregatorFactories))]
    public void ManyProducers_FinalModelEqualsSerialReplayInSequenceOrder(string name)
    {
        using var m = Model(Initial());
        using var agg = AggregatorFactories.Create(name, m);
        var kind = AggregatorFactories.KindFor(name);
        var accepted = new (long Seq, Sent Sent)[Threads * PerThread];
        int acceptedCount = 0;
        using var start = new Barrier(Threads);
        var threads = new Thread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            int thread = t;
            threads[t] = new Thread(() =>
            {
                var rng = new Random(1000 + thread);
                using var payload = Cpu.Allocate(Dim);
                var values = new float[Dim];
                start.SignalAndWait();
                for (int k = 0; k < PerThread; k++)
                {
                    for (int i = 0; i < Dim; i++)
                    {
                        values[i] = (float)(rng.NextDouble() - 0.5);
                    }

                    payload.CopyFrom(values);
                    long b = Math.Max(0, m.Version.Value - rng.Next(3));
                    var u = new ClientUpdate(payload)
                    {
                        UpdateId = ((long)thread << 32) | (uint)k,
                        ClientId = thread,
                        BaseVersion = b,
                        Kind = kind,
                        SampleCount = 1 + rng.Next(50),
                    };
                    double w = 0.5 + rng.NextDouble();
                    var o = agg.Submit(u, Opt(weight: w));
                    if (o.Accepted)
                    {
                        int slot = Interlocked.Increment(ref acceptedCount) - 1;
                        accepted[slot] = (o.Sequence, new Sent(u.UpdateId, u.ClientId, b, kind, (float[])values.Clone(), u.SampleCount, w));
                    }
                }
            });
            threads[t].Start();
        }

        foreach (var th in threads)
        {
            th.Join();
        }

        Assert.True(acceptedCount > Threads, $"{name}: only {acceptedCount} accepted");
        var ordered = accepted.Take(acceptedCount).OrderBy(a => a.Seq).ToArray();
        for (int i = 0; i < ordered.Length; i++)
        {
            Assert.Equal(i, ordered[i].Seq); // sequence numbers are dense and unique
        }

        using var replayModel = Model(Initial());
        using var replay = AggregatorFactories.Create(name, replayModel);
        foreach (var (seq, s) in ordered)
        {
            using var p = Cpu.FromSpan(s.Payload);
            var o = replay.Submit(new ClientUpdate(p) { UpdateId = s.Id, ClientId = s.Client, BaseVersion = s.Base, Kind = s.Kind, SampleCount = s.Samples }, Opt(weight: s.Weight));
            Assert.Equal(seq, o.Sequence);
        }

        Assert.Equal(m.Version, replayModel.Version);
        Assert.Equal(m.Parameters.ToArray(), replayModel.Parameters.ToArray());
        Assert.Equal(acceptedCount, agg.Counters.Applied + agg.Counters.Buffered);
        Assert.Equal(Threads * PerThread, acceptedCount + agg.Counters.RejectedTotal);
    }

    [Theory]
    [MemberData(nameof(AggregatorFactories.All), MemberType = typeof(AggregatorFactories))]
    public void SameSequence_GivesBitIdenticalModel(string name)
    {
        float[] Run()
        {
            using var m = Model(Initial());
            using var agg = AggregatorFactories.Create(name, m);
            var rng = new Random(7);
            var kind = AggregatorFactories.KindFor(name);
            var values = new float[Dim];
            for (int k = 0; k < 200; k++)
            {
                for (int i = 0; i < Dim; i++)
                {
                    values[i] = (float)(rng.NextDouble() - 0.5);
                }

                agg.Submit(Update(kind, values, baseVersion: Math.Max(0, m.Version.Value - rng.Next(3)), client: rng.Next(20), samples: 1 + rng.Next(9)), Opt(weight: rng.NextDouble()));
                if (k % 37 == 0)
                {
                    agg.Flush(FlushOptions.Default);
                }
            }

            return m.Parameters.ToArray();
        }

        var a = Run();
        Assert.Equal(a, Run());
        Assert.NotEqual(Initial(), a);
    }
}
