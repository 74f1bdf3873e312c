using AsyncFl.Schedulers.Theory;
using Xunit;

namespace AsyncFl.Schedulers.Tests;

public class MindFlayerTheoryTests
{
    // Φ via erfc (Abramowitz & Stegun 7.1.26, |error| ≤ 1.5e-7).
    internal static double NormalCdf(double x)
    {
        double z = Math.Abs(x) / Math.Sqrt(2);
        double t = 1 / (1 + (0.3275911 * z));
        double poly = 1.061405429;
        poly = (poly * t) - 1.453152027;
        poly = (poly * t) + 1.421413741;
        poly = (poly * t) - 0.284496736;
        poly = (poly * t) + 0.254829592;
        double erfc = t * poly * Math.Exp(-z * z);
        return x >= 0 ? 1 - (0.5 * erfc) : 0.5 * erfc;
    }

    internal static Func<double, double> LogNormalCdf(double shape) => t => t <= 0 ? 0 : NormalCdf(Math.Log(t) / shape);

    // spec §5.4 table: τ = 1, η ~ LogNormal(0, s): best t, p, τ̃.
    [Theory]
    [InlineData(0.5, 1.58, 0.82, 3.15)]
    [InlineData(2, 0.79, 0.45, 3.95)]
    [InlineData(3, 0.48, 0.40, 3.67)]
    [InlineData(4, 0.33, 0.39, 3.40)]
    public void ClipTableOfSpecIsReproduced(double shape, double clip, double p, double effective)
    {
        var c = MindFlayerTheory.OptimalClip(LogNormalCdf(shape), 1.0, tMax: 1000);
        Assert.Equal(effective, Math.Round(c.EffectiveTime, 2), 9);
        Assert.InRange(c.SuccessProbability, p - 0.011, p + 0.011); // the optimum is flat: p and t move together
        // The objective is flat near its minimum (the spec's [calc] used a grid): ours is within 0.03 of the
        // spec's clip and at least as good.
        Assert.InRange(c.Clip, clip - 0.03, clip + 0.03);
        var cdf = LogNormalCdf(shape);
        Assert.True(c.EffectiveTime <= ((1 + clip) / cdf(clip)) + 1e-9);
    }

    [Fact]
    public void ClipFromSamplesApproachesTheCdfChoice()
    {
        var rng = new RandomSource(21);
        var samples = Enumerable.Range(0, 20000).Select(_ => Math.Exp(3 * rng.NextGaussian())).ToArray();
        var fromSamples = MindFlayerTheory.OptimalClipFromSamples(samples, 1.0);
        var fromCdf = MindFlayerTheory.OptimalClip(LogNormalCdf(3), 1.0, 1000);
        // The empirical objective is within sampling error (p ± ~0.01) of the true one.
        Assert.InRange(fromSamples.EffectiveTime, fromCdf.EffectiveTime * 0.93, fromCdf.EffectiveTime * 1.03);
        Assert.InRange(fromSamples.SuccessProbability, 0.3, 0.5);
    }

    [Fact]
    public void ClipFromSamplesIsExactOnASmallSample()
    {
        // τ = 1, samples {0.5, 1, 10}: objective at 0.5 -> 1.5/(1/3) = 4.5; at 1 -> 2/(2/3) = 3; at 10 -> 11.
        var c = MindFlayerTheory.OptimalClipFromSamples([10, 0.5, 1], 1.0);
        Assert.Equal(1.0, c.Clip);
        Assert.Equal(2.0 / 3, c.SuccessProbability, 12);
        Assert.Equal(3.0, c.EffectiveTime, 12);
    }

    // spec §9 oracle 7: t_i = ∞ ⇒ p_i = 1 and the round time is max_i B_i τ_i.
    [Fact]
    public void NoClippingGivesFixedAllocationMinibatch()
    {
        double[] tau = [1, 2, 4];
        double[] p = [1, 1, 1];
        var b = new int[3];
        double round = MindFlayerTheory.Budgets(tau, p, 7, b);
        // Completions 1,2,2,3,4,4,4 -> the 7th arrives at 4: B = (4, 2, 1), Σ p B = 7, round = max B τ = 4.
        Assert.Equal(4.0, round, 12);
        Assert.Equal([4, 2, 1], b);
        Assert.Equal(round, Enumerable.Range(0, 3).Max(i => b[i] * tau[i]), 12);
    }

    [Fact]
    public void BudgetsReachTheExpectedSuccessesWithTheSmallestRound()
    {
        double[] limits = [1.5, 2, 3, double.PositiveInfinity];
        double[] p = [0.5, 0.8, 1, 1];
        var b = new int[4];
        double round = MindFlayerTheory.Budgets(limits, p, 5, b);
        double expected = Enumerable.Range(0, 4).Sum(i => p[i] * b[i]);
        Assert.True(expected >= 5 - 1e-12);
        Assert.Equal(0, b[3]);
        // One completion earlier would not have been enough.
        var smaller = new int[4];
        for (int i = 0; i < 3; i++)
        {
            smaller[i] = (int)Math.Floor((round - 1e-9) / limits[i]);
        }

        Assert.True(Enumerable.Range(0, 3).Sum(i => p[i] * smaller[i]) < 5);
    }

    // spec §9 oracle 7: the normaliser Σ p_i B_i makes the estimator unbiased.
    [Fact]
    public void NormalizerMakesTheEstimatorUnbiased()
    {
        const double shape = 2;
        double[] baseTimes = [1, 1.5, 2, 3];
        var clips = baseTimes.Select(t => MindFlayerTheory.OptimalClip(LogNormalCdf(shape), t, 1000)).ToArray();
        var options = MindFlayerOptions.FromClips(baseTimes, clips, 6);
        double z = Enumerable.Range(0, 4).Sum(i => options.SuccessProbabilities![i] * options.Budgets![i]);
        var rng = new RandomSource(9);
        const int rounds = 40000;
        double sum = 0, sumSq = 0;
        for (int r = 0; r < rounds; r++)
        {
            int successes = 0;
            for (int i = 0; i < 4; i++)
            {
                for (int a = 0; a < options.Budgets![i]; a++)
                {
                    double eta = Math.Exp(shape * rng.NextGaussian());
                    if (baseTimes[i] + eta <= options.TimeLimits![i])
                    {
                        successes++;
                    }
                }
            }

            // The estimate of a fixed gradient g = 1 is successes·g / Σ p B.
            double est = successes / z;
            sum += est;
            sumSq += est * est;
        }

        double mean = sum / rounds, se = Math.Sqrt(((sumSq / rounds) - (mean * mean)) / rounds);
        Assert.InRange(mean, 1 - (5 * se) - 0.002, 1 + (5 * se) + 0.002);
    }

    // Vectors computed by hand on small inputs from the formulas of spec schedulers.md (derivations in the comments).
    [Fact]
    public void ClipFromSamplesMinimisesEffectiveTime()
    {
        // τ = 1, η samples [5, 0.1, 10, 0.2]: (1+0.1)/0.25 = 4.4, (1+0.2)/0.5 = 2.4, 6/0.75 = 8, 11/1 = 11.
        var c = MindFlayerTheory.OptimalClipFromSamples([5, 0.1, 10, 0.2], 1);
        Assert.Equal(0.2, c.Clip);
        Assert.Equal(0.5, c.SuccessProbability);
        Assert.Equal(2.4, c.EffectiveTime, 12);
        Assert.Equal(1.2, c.TimeLimit(1), 12);
    }

    [Fact]
    public void ClipForExponentialNoiseSolvesExpTEqualsTwoPlusT()
    {
        // min (1+t)/(1−e^{−t}): derivative zero ⇔ e^t = 2 + t ⇒ t ≈ 1.1461932206, τ̃ = e^t = 3.1461932206.
        var c = MindFlayerTheory.OptimalClip(t => 1 - Math.Exp(-t), 1, 50);
        Assert.Equal(1.1461932206205825, c.Clip, 5);
        Assert.Equal(3.1461932206205825, c.EffectiveTime, 9);
        Assert.Equal(c.EffectiveTime, (1 + c.Clip) / c.SuccessProbability, 12);
    }

    [Fact]
    public void BudgetsReachSAndNormaliserIsSumPB()
    {
        // Attempt times [1,2], p = [0.5,1], S = 3: value 0.5@1, 2.0@2, 2.5@3, 3.0@4 → T_r = 4, B = [4,2], Σ pB = 4.
        var b = new int[2];
        double tr = MindFlayerTheory.Budgets([1, 2], [0.5, 1], 3, b);
        Assert.Equal(4, tr, 12);
        Assert.Equal([4, 2], b);
        Assert.True((0.5 * b[0]) + (1.0 * b[1]) >= 3);
    }
}
