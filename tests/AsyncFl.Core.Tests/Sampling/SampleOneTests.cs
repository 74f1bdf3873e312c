using AsyncFl.Sampling;
using Xunit;

namespace AsyncFl.Core.Tests.Sampling;

/// <summary>The single-slot contract every sampler honours (asynchronous refills): a draw of one is never empty while
/// an eligible client may be drawn, follows the sampler's inclusion probabilities, and has no preference for low ids.</summary>
public class SampleOneTests
{
    private const int Draws = 100_000;

    public static TheoryData<string> Samplers() => ["uniform-with", "uniform-without", "poisson", "optimal", "epoch", "block", "stratified", "min-participation"];

    private static IClientSampler Create(string name) => name switch
    {
        "uniform-with" => new UniformWithReplacementSampler(),
        "uniform-without" => new UniformWithoutReplacementSampler(),
        "poisson" => new PoissonSampler([0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125, 0.125]),
        "optimal" => new OptimalImportanceSampler(8, 1),
        "epoch" => new EpochSampler(),
        "block" => new BlockSampler([[0, 1], [2, 3], [4, 5], [6, 7]]),
        "stratified" => new StratifiedSampler([[0, 1, 2, 3], [4, 5, 6, 7]]),
        "min-participation" => new MinimumParticipationSampler(new OptimalImportanceSampler(8, 1), maxAge: 1000),
        _ => throw new ArgumentException(name),
    };

    // Eight clients with equal inclusion probabilities: each is drawn 12 500 times in expectation; σ = √(10⁵·⅛·⅞) ≈ 105,
    // so ±6σ = ±630 fails a correct sampler with probability ≈ 10⁻⁸. (The Poisson sampler drawn into a one-slot
    // destination left 34 % of the slots empty and picked client 0 12 459 times, client 7 4 973 times.)
    [Theory]
    [MemberData(nameof(Samplers))]
    public void EqualProbabilities_GiveUniformSingleDraws_NeverEmpty(string name)
    {
        var sampler = Create(name);
        var random = new RandomSource(11);
        var counts = new int[8];
        for (int t = 0; t < Draws; t++)
        {
            int c = sampler.SampleOne(8, random);
            Assert.InRange(c, 0, 7);
            counts[c]++;
        }

        for (int c = 0; c < 8; c++)
        {
            Assert.InRange(counts[c], 12_500 - 630, 12_500 + 630);
        }
    }

    [Theory]
    [MemberData(nameof(Samplers))]
    public void OnlyEligibleClientsAreDrawn_AndNoneEligibleGivesMinusOne(string name)
    {
        var sampler = Create(name);
        var random = new RandomSource(12);
        for (int t = 0; t < 2_000; t++)
        {
            int c = sampler.SampleOne(8, random, id => id is 3 or 6);
            Assert.True(c is 3 or 6, $"{name} drew {c}");
        }

        Assert.Equal(-1, sampler.SampleOne(8, random, _ => false));
    }

    [Fact]
    public void Poisson_SingleDrawsAreProportionalToTheInclusionProbabilities()
    {
        // p = (0.1, 0.2, 0.3, 0.4, 0): P(i) = p_i / Σp; client 4 (p = 0) is never drawn. Binomial σ ≤ √(10⁵·¼) ≈ 158.
        var sampler = new PoissonSampler([0.1, 0.2, 0.3, 0.4, 0]);
        var random = new RandomSource(13);
        var counts = new int[5];
        for (int t = 0; t < Draws; t++)
        {
            counts[sampler.SampleOne(5, random)]++;
        }

        Assert.InRange(counts[0], 10_000 - 950, 10_000 + 950);
        Assert.InRange(counts[1], 20_000 - 950, 20_000 + 950);
        Assert.InRange(counts[2], 30_000 - 950, 30_000 + 950);
        Assert.InRange(counts[3], 40_000 - 950, 40_000 + 950);
        Assert.Equal(0, counts[4]);

        // Among the eligible {0, 3}: 0.1 : 0.4.
        var eligible = new int[5];
        for (int t = 0; t < Draws; t++)
        {
            eligible[sampler.SampleOne(5, random, id => id is 0 or 3)]++;
        }

        Assert.InRange(eligible[0], 20_000 - 800, 20_000 + 800);
        Assert.Equal(Draws, eligible[0] + eligible[3]);
        Assert.Equal(-1, sampler.SampleOne(5, random, id => id == 4));
    }

    [Fact]
    public void Stratified_SingleDrawsAreProportionalToOneOverTheStratumSize()
    {
        // Strata {0} and {1, 2, 3}: π = 1, ⅓, ⅓, ⅓ → P = ½, ⅙, ⅙, ⅙.
        var sampler = new StratifiedSampler([[0], [1, 2, 3]]);
        var random = new RandomSource(14);
        var counts = new int[4];
        for (int t = 0; t < Draws; t++)
        {
            counts[sampler.SampleOne(4, random)]++;
        }

        Assert.InRange(counts[0], 50_000 - 950, 50_000 + 950);
        for (int c = 1; c < 4; c++)
        {
            Assert.InRange(counts[c], 16_667 - 800, 16_667 + 800);
        }
    }

    [Fact]
    public void MinimumParticipation_ForcesTheLongestWaitingClientIntoASingleDraw()
    {
        // The inner sampler only ever draws client 0 or 1; with maxAge 3, clients 2 and 3 are forced in turn.
        var sampler = new MinimumParticipationSampler(new PoissonSampler([0.5, 0.5, 0, 0]), maxAge: 3);
        var random = new RandomSource(15);
        var seen = new HashSet<int>();
        for (int t = 0; t < 12; t++)
        {
            seen.Add(sampler.SampleOne(4, random));
        }

        Assert.Contains(2, seen);
        Assert.Contains(3, seen);
        Assert.True(sampler.ForcedCount >= 2);
    }
}
