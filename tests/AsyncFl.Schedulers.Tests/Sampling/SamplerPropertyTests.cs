
using AsyncFl.Sampling;
using AsyncFl.Schedulers.Theory;
using FsCheck.Xunit;
using Xunit;

namespace AsyncFl.Schedulers.Tests;
public class SamplerPropertyTests
{
    [Property(MaxTest = 200)]
    public bool WithoutReplacementDrawsMinOfMAndEligibleDistinctEligibleIds(byte populationRaw, byte mRaw, int seed, byte modRaw)
    {
        int n = populationRaw % 60, m = mRaw % 20, mod = 1 + (modRaw % 4);
        var ids = new int[m];
        var w = new double[m];
        int k = new UniformWithoutReplacementSampler().Sample(n, ids, w, new RandomSource(seed), c => c % mod == 0);
        int eligible = (n + mod - 1) / mod;
        return k == Math.Min(m, eligible)
            && ids.Take(k).Distinct().Count() == k
            && ids.Take(k).All(c => c % mod == 0 && c < n)
            && w.Take(k).All(x => Math.Abs(x - (1.0 / k)) < 1e-15);
    }

    [Property(MaxTest = 200)]
    public bool OptimalProbabilitiesAreFeasible(int seed, byte nRaw)
    {
        var rng = new RandomSource(seed);
        int n = 1 + (nRaw % 40);
        var u = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.2 ? 0 : Math.Exp(3 * rng.NextGaussian())).ToArray();
        double m = 0.5 + (rng.NextDouble() * (n - 0.5));
        var p = new double[n];
        OptimalSampling.Probabilities(u, m, p);
        return Math.Abs(p.Sum() - m) < 1e-8 * Math.Max(1, m) && p.All(x => x >= 0 && x <= 1);
    }

    [Property(MaxTest = 200)]
    public bool AtaAllocationPlacesExactlyBTasks(int seed, byte nRaw, byte bRaw)
    {
        var rng = new RandomSource(seed);
        int n = 1 + (nRaw % 12), b = bRaw % 50;
        var s = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.2 ? double.NegativeInfinity : rng.NextDouble() - 0.2).ToArray();
        var a = new int[n];
        AtaAllocation.Allocate(s, b, a);
        return a.Sum() == b && a.All(x => x >= 0);
    }
}

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
