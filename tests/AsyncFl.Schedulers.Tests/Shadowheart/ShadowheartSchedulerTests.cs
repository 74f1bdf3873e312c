using AsyncFl.Schedulers.Theory;
using Xunit;

namespace AsyncFl.Schedulers.Tests;

public class ShadowheartSchedulerTests
{
    [Fact]
    public void ZeroUploadTimeWithACompressorAndNoUploadCapIsRejected()
    {
        var options = new ShadowheartOptions { ComputeTimes = [1, 2], UploadTimes = [0, 0.5], Compressor = new RandKCompressor(2) };
        var error = Assert.ThrowsAny<ArgumentException>(options.CreateScheduler);
        Assert.Contains("MaxUploads", error.Message, StringComparison.Ordinal);

        // A finite cap makes the same fleet valid: worker 0 then uploads exactly MaxUploads times.
        var capped = (ShadowheartScheduler)new ShadowheartOptions { ComputeTimes = [1, 2], UploadTimes = [0, 0.5], Compressor = new RandKCompressor(2), MaxUploads = 3 }.CreateScheduler();
        var e = new FakeEngine(capped, 2, (c, _) => 1, bufferSize: int.MaxValue, dimension: 4);
        e.Start();
        Assert.Equal(3, capped.Plan[0].Uploads);
        Assert.Contains(e.DispatchLog, t => t.Request.ClientId == 0 && t.Request.Uploads == 3);
    }

    [Fact]
    public void DispatchesThePlanAcceptsWithWeightsAndFlushesWithZ()
    {
        double[] h = [1, 2, 4];
        double[] tau = [0.1, 0.2, 0.4];
        var rk = new RandKCompressor(2);
        var s = (ShadowheartScheduler)new ShadowheartOptions { ComputeTimes = h, UploadTimes = tau, Compressor = rk, NoiseBatch = 2 }.CreateScheduler();
        var e = new FakeEngine(s, 3, (c, _) => 1, bufferSize: int.MaxValue, dimension: 4); // ω = 4/2 − 1 = 1
        e.Start();
        var eq = ShadowheartTheory.Solve(h, tau, 1, 2);
        var plan = ShadowheartTheory.Plan(eq.Time, h, tau, 1, 2);
        Assert.Equal(eq.Time, s.EquilibriumTime, 12);
        var round1 = e.DispatchLog.Where(t => t.Request.Tag == 1).ToArray();
        Assert.Equal(plan.Count(p => p.Active), round1.Length);
        foreach (var t in round1)
        {
            Assert.Equal(plan[t.ClientId].Gradients, t.Request.LocalSteps);
            Assert.Equal(plan[t.ClientId].Uploads, t.Request.Uploads);
            Assert.Same(rk, t.Request.Compressor);
        }

        e.Run(until: 10);
        Assert.True(e.FlushLog.Count >= 3);
        Assert.All(e.FlushLog, z => Assert.Equal(ShadowheartTheory.Normalizer(plan), z, 12));
        Assert.All(e.AcceptedLog, a => Assert.Equal(plan[a.Task.ClientId].Weight * plan[a.Task.ClientId].Gradients, a.Weight, 12));
        int uploadsPerRound = round1.Sum(t => t.Request.Uploads);
        Assert.Equal(uploadsPerRound * e.FlushLog.Count, e.AcceptedLog.Count(a => a.Task.Request.Tag <= e.FlushLog.Count));
    }
}
