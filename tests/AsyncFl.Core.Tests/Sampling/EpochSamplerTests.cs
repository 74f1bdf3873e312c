using AsyncFl.Sampling;
using Xunit;

namespace AsyncFl.Core.Tests.Sampling;

public class EpochSamplerTests
{
    [Fact]
    public void EveryoneBeforeAnyoneTwice()
    {
        const int n = 12, m = 4;
        var sampler = new EpochSampler();
        var rng = new RandomSource(6);
        var ids = new int[m];
        for (int epoch = 0; epoch < 5; epoch++)
        {
            var seen = new List<int>();
            for (int r = 0; r < n / m; r++)
            {
                Assert.Equal(m, sampler.Sample(n, ids, [], rng));
                seen.AddRange(ids);
            }

            Assert.Equal(Enumerable.Range(0, n), seen.Order());
        }
    }

    [Fact]
    public void DrawsNeverRepeatEvenAcrossAnEpochBoundaryAndParticipationIsGuaranteed()
    {
        const int n = 10, m = 4, rounds = 50;
        var sampler = new EpochSampler();
        var rng = new RandomSource(7);
        var ids = new int[m];
        var counts = new int[n];
        for (int r = 0; r < rounds; r++)
        {
            Assert.Equal(m, sampler.Sample(n, ids, [], rng));
            Assert.Equal(m, ids.Distinct().Count());
            foreach (int id in ids)
            {
                counts[id]++;
            }
        }

        // spec aggregation.md §6.4: participation ≥ ⌊R·m/N⌋ = 20; here R·m = 200 draws are exactly 20 whole epochs,
        // so "everyone before anyone twice" gives every client exactly 20 turns.
        Assert.All(counts, c => Assert.Equal(rounds * m / n, c));
    }

    [Fact]
    public void IneligibleClientsKeepTheirTurn()
    {
        var sampler = new EpochSampler();
        var rng = new RandomSource(8);
        var ids = new int[3];
        bool[] online = [true, true, true, true, true, false];
        var first = new List<int>();
        first.AddRange(ids.Take(sampler.Sample(6, ids, [], rng, c => online[c])));
        first.AddRange(ids.Take(sampler.Sample(6, ids, [], rng, c => online[c])));
        Assert.DoesNotContain(5, first);
        Assert.Equal(5, first.Distinct().Count());
        Assert.Equal(5, sampler.RemainingInEpoch); // a new epoch began, with client 5 kept at its front
        online[5] = true;
        int k = sampler.Sample(6, ids.AsSpan(0, 1), [], rng, c => online[c]);
        Assert.Equal(1, k);
        Assert.Equal(5, ids[0]);
    }

    [Fact]
    public void EpochSamplerGivesEveryoneFloorRmOverNTurns()
    {
        // N = 5, m = 2: 10 draws are exactly 4 epochs → every client exactly 4 times; 7 draws → each ≥ ⌊14/5⌋ = 2.
        var sampler = new EpochSampler();
        var rng = RandomSource.Create(3, 3);
        var ids = new int[2];
        var counts = new int[5];
        for (int r = 1; r <= 10; r++)
        {
            Assert.Equal(2, sampler.Sample(5, ids, [], rng));
            Assert.NotEqual(ids[0], ids[1]);
            counts[ids[0]]++;
            counts[ids[1]]++;
            if (r == 7)
            {
                Assert.All(counts, c => Assert.True(c >= 2, $"after 7 draws a client has {c} turns"));
            }
        }

        Assert.All(counts, c => Assert.Equal(4, c));
    }
}
