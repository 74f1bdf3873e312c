using AsyncFl.Sampling;
using Xunit;

namespace AsyncFl.Core.Tests.Sampling;

public class MinimumParticipationSamplerTests
{
    [Fact]
    public void NobodyWaitsLongerThanTheQuota()
    {
        const int n = 20, m = 2, maxAge = 12;
        var sampler = new MinimumParticipationSampler(new UniformWithoutReplacementSampler(), maxAge);
        var rng = new RandomSource(31);
        var ids = new int[m];
        var w = new double[m];
        var last = new int[n];
        for (int r = 1; r <= 300; r++)
        {
            Assert.Equal(m, sampler.Sample(n, ids, w, rng));
            Assert.Equal(m, ids.Distinct().Count());
            Assert.All(w, x => Assert.Equal(0.5, x, 15));
            foreach (int id in ids)
            {
                last[id] = r;
            }

            // Each client appeared within the last maxAge + ⌈n/m⌉ draws (forced ones may queue behind each other).
            Assert.All(last, l => Assert.True(r - l <= maxAge + (n / m), $"round {r}: last {l}"));
        }

        Assert.True(sampler.ForcedCount > 0);
    }
}
