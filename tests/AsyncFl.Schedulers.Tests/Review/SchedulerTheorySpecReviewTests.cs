using AsyncFl.Schedulers.Theory;
using Xunit;

namespace AsyncFl.Schedulers.Tests.Review;
// Independent review (h9) of the scheduler theory against spec schedulers.md §0.2, §1.2, §2.2, §3.4, §4, §5.3, §6.2.
// Expected values are hand computations on small vectors (derivations in the comments), not copied from tests.
public class CollectionTimeSpecReviewTests
{
    private static void Near(double expected, double actual, double tol = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void BoundIsMinOverPrefixesOfSPlusMOverHarmonicSum()
    {
        // τ = [4,1,2] (unsorted), S = 2: m=1: 3/1 = 3; m=2: 4/1.5 = 8/3; m=3: 5/1.75 = 20/7 → 8/3 at m = 2.
        var (t, m) = CollectionTime.Bound([4, 1, 2], 2);
        Near(8.0 / 3.0, t);
        Assert.Equal(2, m);
        // Exact: completions 1, 2, 2, 3, 4, … → the 2nd is at t = 2; and t(S)/2 ≤ 2 ≤ t(S).
        Near(2, CollectionTime.Exact([4, 1, 2], 2));
    }

    [Fact]
    public void ExactCollectionWithTiesAndASlowWorker()
    {
        // τ = [1,1,1,10], S = 6: three fast workers give 3 per second → t = 2. Bound: m=3: 9/3 = 3 (m=4: 10/3.1).
        Near(2, CollectionTime.Exact([1, 1, 1, 10], 6));
        var (t, m) = CollectionTime.Bound([1, 1, 1, 10], 6);
        Near(3, t);
        Assert.Equal(3, m);
        // S = 31: 3 per second plus the slow one at t = 10 → at t = 10: 30 + 1 = 31.
        Near(10, CollectionTime.Exact([1, 1, 1, 10], 31));
    }

    [Fact]
    public void TimeComplexitiesOnThreeWorkers()
    {
        double[] tau = [1, 2, 4];
        var (opt, mStar) = TimeComplexity.Optimal(tau, 2, iterations: 3);
        Near(8.0, opt);                                               // 3·8/3
        Assert.Equal(2, mStar);
        Near(3 * 5 / 1.75, TimeComplexity.Asgd(tau, 2, 3));           // (n+S)/Σ1/τ
        Near(3 * 4 * (1 + 2.0 / 3.0), TimeComplexity.Minibatch(tau, 2, 3)); // τ_n(1 + S/n)
    }

    [Theory]
    [InlineData(2.5, 1.0, 3)]
    [InlineData(0.0, 1.0, 1)]
    [InlineData(4.0, 2.0, 2)]
    [InlineData(4.0000001, 2.0, 3)]
    public void NoiseBatchIsMaxOneCeilSigmaSquaredOverEpsilon(double sigma2, double eps, int expected) =>
        Assert.Equal(expected, TimeComplexity.NoiseBatch(sigma2, eps));

    [Fact]
    public void StepSizes()
    {
        Near(1.0 / 64, TimeComplexity.RingmasterStepSize(4, 2, 8, 1));   // min(1/16, 1/64)
        Near(0.25, TimeComplexity.RingmasterStepSize(1, 2, 0, 1));        // σ² = 0 → 1/(2RL)
        Near(0.0625, TimeComplexity.RennalaStepSize(4, 2, 8, 1));         // min(1/2, 4/64)
        Near(0.5, TimeComplexity.RennalaStepSize(4, 2, 0, 1));            // σ² = 0 → 1/L
        Near(1.0 / 24, TimeComplexity.NaiveOptimalAsgdStepSize(3, 4, 1, 100)); // min(1/24, 100/16)
        // The delay-adaptive step lives once, as a learning-rate schedule: γ·M/max(M, δ) with M = 4.
        var adaptive = new DelayAdaptiveLearningRate(0.3, 4);
        Near(0.3, adaptive.GetRate(new LearningRateContext { Staleness = 4 }));
        Near(0.2, adaptive.GetRate(new LearningRateContext { Staleness = 6 }));
        Near(0.1, adaptive.GetRate(new LearningRateContext { Staleness = 12 }));
    }

    [Fact]
    public void RingmasterThresholdFromNoiseIsTheNoiseBatch()
    {
        Assert.Equal(3 - 1, Ringmaster.FromNoise(5, 2).MaxStaleness);   // R = ⌈2.5⌉: delays ≥ 3 never applied
        Assert.Equal(1 - 1, Ringmaster.FromNoise(0, 2).MaxStaleness);   // R = max{1, 0}
    }
}

public class ShadowheartTheorySpecReviewTests
{
    private static void Near(double expected, double actual, double tol) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Fact]
    public void TwoWorkerEquilibriumSolvedByHand()
    {
        // h = [2,1], τ = [1,1], ω = 1, S = 1 (worker 1 is first after sorting by max(h, τ)).
        // j = 1: s = 2τω + 4τωhS/s + 2hS = 4 + 4/s → s = 2 + √8; t*(1) = max(1, 4.828…).
        // j = 2: 1/s = 1/(4 + 4/s) + 1/(6 + 8/s) → s = 1 + √5 (check: s·(s/(4s+4) + s/(6s+8)) = 1); t*(2) = max(2, 3.236…).
        Near(2 + Math.Sqrt(8), ShadowheartTheory.SolvePrefix([1], [1], 1, 1), 1e-10);
        Near(1 + Math.Sqrt(5), ShadowheartTheory.SolvePrefix([1, 2], [1, 1], 1, 1), 1e-10);
        var eq = ShadowheartTheory.Solve([2, 1], [1, 1], 1, 1);
        Near(1 + Math.Sqrt(5), eq.Time, 1e-10);
        Assert.Equal(2, eq.Prefix);
    }

    [Fact]
    public void NoCompressionNoUploadReducesToRennalaLikeFormula()
    {
        // ω = 0, τ = 0, h = [1,2,4], S = 2: t*(j) = max(h_j, 2S/Σ_{i≤j}1/h_i) = 4, 8/3, 4 → 8/3 at j = 2.
        var eq = ShadowheartTheory.Solve([4, 1, 2], [0, 0, 0], 0, 2);
        Near(8.0 / 3.0, eq.Time, 1e-10);
        Assert.Equal(2, eq.Prefix);
    }

    [Fact]
    public void PlanWeightsAndNormaliserByHand()
    {
        // t* = 4, h = [1,2,5], τ = [0.5,1,1], ω = 3, S = 2:
        // b = [4,2,0], m = [8,4,4]; worker 2 inactive (b = 0).
        // w0 = 1/(4·3 + 3·2 + 8·2) = 1/34; w1 = 1/(2·3 + 6 + 4·2) = 1/20. Z = 32/34 + 8/20.
        var plan = ShadowheartTheory.Plan(4, [1, 2, 5], [0.5, 1, 1], 3, 2);
        Assert.Equal(new ShadowheartWorkerPlan(4, 8, 1.0 / 34), plan[0]);
        Assert.Equal(new ShadowheartWorkerPlan(2, 4, 1.0 / 20), plan[1]);
        Assert.False(plan[2].Active);
        Assert.Equal(0, plan[2].Weight);
        Near((32.0 / 34) + (8.0 / 20), ShadowheartTheory.Normalizer(plan), 1e-14);
    }

    [Fact]
    public void UploadCapLimitsM()
    {
        var plan = ShadowheartTheory.Plan(4, [1], [0.5], 3, 2, maxUploads: 3);
        Assert.Equal(3, plan[0].Uploads);
        Assert.Equal(1.0 / ((4 * 3) + 6 + (3 * 2)), plan[0].Weight, 15);
    }
}

public class MindFlayerTheorySpecReviewTests
{
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

public class AtaAllocationSpecReviewTests
{
    [Fact]
    public void LowerConfidenceBoundByHand()
    {
        // μ̂ = 2, K = 4, k = 3, α = 0.5: l = ln 18/4; s = 2 − 4e·0.5·(√l + l) = −6.549798830764029.
        Assert.Equal(-6.549798830764029, AtaAllocation.LowerConfidenceBound(2, 4, 3, 0.5), 10);
        Assert.Equal(double.NegativeInfinity, AtaAllocation.LowerConfidenceBound(2, 0, 3, 0.5));
        // More observations → tighter (larger) bound.
        Assert.True(AtaAllocation.LowerConfidenceBound(2, 40, 3, 0.5) > AtaAllocation.LowerConfidenceBound(2, 4, 3, 0.5));
    }

    [Theory]
    [InlineData(new[] { 2.0, 3.0 }, 5, new[] { 3, 2 }, 6.0)]               // max(2a, 3b), a+b=5
    [InlineData(new[] { 1.0, 2.0, 4.0 }, 7, new[] { 4, 2, 1 }, 4.0)]       // spec oracle
    [InlineData(new[] { 1.0, 1.0, 1.0, 10.0 }, 6, new[] { 2, 2, 2, 0 }, 2.0)]
    [InlineData(new[] { 3.0, 1.0 }, 4, new[] { 1, 3 }, 3.0)]               // max(3a, b): (1,3) → 3
    public void GreedyMakespanMatchesHandOptimum(double[] scores, int tasks, int[] expected, double loss)
    {
        var a = new int[scores.Length];
        double l = AtaAllocation.Allocate(scores, tasks, a);
        Assert.Equal(expected, a);
        Assert.Equal(loss, l, 12);
    }

    [Fact]
    public void UnexploredWorkersGetOneTaskFirst()
    {
        var a = new int[3];
        AtaAllocation.Allocate([double.NegativeInfinity, 5, double.NegativeInfinity], 1, a);
        Assert.Equal([1, 0, 0], a);
        AtaAllocation.Allocate([double.NegativeInfinity, 5, double.NegativeInfinity], 2, a);
        Assert.Equal([1, 0, 1], a);
    }
}

public class RandKSpecReviewTests
{
    [Fact]
    public void OmegaAndTransmittedElements()
    {
        var c = new RandKCompressor(2);
        Assert.Equal(4.0, c.Omega(10));          // d/K − 1
        Assert.Equal(2, c.TransmittedElements(10));
        Assert.Equal(0.0, c.Omega(2));
        Assert.Equal(0.0, new RandKCompressor(50).Omega(10));
    }

    [Fact]
    public void KeepsKCoordinatesScaledByDOverKAndIsUnbiasedWithVarianceOmega()
    {
        float[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];   // ‖x‖² = 385
        var c = new RandKCompressor(2);
        var rng = RandomSource.Create(17, 3);
        var y = new float[10];
        var mean = new double[10];
        double sq = 0;
        int n = 20_000;
        for (int r = 0; r < n; r++)
        {
            c.Compress(x, y, rng);
            int nonZero = 0;
            for (int i = 0; i < 10; i++)
            {
                if (y[i] != 0)
                {
                    nonZero++;
                    Assert.Equal(5f * x[i], y[i]);   // scale d/K = 5
                }

                mean[i] += y[i] / (double)n;
                sq += (y[i] - x[i]) * (double)(y[i] - x[i]) / n;
            }

            Assert.Equal(2, nonZero);
        }

        // E C(x) = x: per-coordinate sd of the mean = 2x_i/√n ≈ 0.0141·x_i; 8% is > 5 sd.
        for (int i = 0; i < 10; i++)
        {
            Assert.InRange(mean[i], x[i] * 0.92, x[i] * 1.08);
        }

        // E‖C(x) − x‖² = ω‖x‖² = 4·385 = 1540; sd of the estimate ≈ 4.6.
        Assert.InRange(sq, 1515, 1565);
    }
}
