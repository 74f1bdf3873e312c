using AsyncFl.Backends;
using AsyncFl.Torch.Backends;
using Xunit;

namespace AsyncFl.Torch.Tests.Backends;

/// <summary>Every backend operation gives the CPU backend's numbers within 1e-5.</summary>
public class TorchParameterBackendTests
{
    private const double Tol = 1e-5;
    private static readonly CpuParameterBackend Cpu = CpuParameterBackend.Instance;

    public static TheoryData<int> Lengths => new() { 1, 37, 1000, 65_537 };

    private static (ParameterVector Cpu, ParameterVector Torch) Pair(TorchParameterBackend torch, float[] values)
    {
        var c = Cpu.FromSpan(values);
        var t = torch.FromSpan(values);
        return (c, t);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Mix_AddScaled_Scale_Copy_Fill_match_the_cpu_backend(int d)
    {
        using var torch = new TorchParameterBackend();
        var (cx, tx) = Pair(torch, TestData.RandomVector(d, 1));
        var (cy, ty) = Pair(torch, TestData.RandomVector(d, 2));
        Cpu.Mix(cx, cy, 0.3f);
        torch.Mix(tx, ty, 0.3f);
        TestData.AssertClose(cx.ToArray(), tx.ToArray(), Tol);
        Cpu.Mix(cx, cy, 0.8f);
        torch.Mix(tx, ty, 0.8f);
        TestData.AssertClose(cx.ToArray(), tx.ToArray(), Tol);
        Cpu.AddScaled(cx, cy, -1.7f);
        torch.AddScaled(tx, ty, -1.7f);
        TestData.AssertClose(cx.ToArray(), tx.ToArray(), Tol);
        Cpu.Scale(cx, 0.25f);
        torch.Scale(tx, 0.25f);
        TestData.AssertClose(cx.ToArray(), tx.ToArray(), Tol);
        Cpu.Copy(cy, cx);
        torch.Copy(ty, tx);
        Assert.Equal(cy.ToArray(), tx.ToArray());
        torch.Fill(tx, 2.5f);
        Assert.All(tx.ToArray(), v => Assert.Equal(2.5f, v));
    }

    [Fact]
    public void Mix_with_zero_is_a_no_op_and_with_one_a_bit_identical_copy()
    {
        using var torch = new TorchParameterBackend();
        var xv = TestData.RandomVector(1000, 3);
        var yv = TestData.RandomVector(1000, 4);
        using var x = torch.FromSpan(xv);
        using var y = torch.FromSpan(yv);
        torch.Mix(x, y, 0f);
        Assert.Equal(xv, x.ToArray());
        torch.Mix(x, y, 1f);
        Assert.Equal(yv, x.ToArray());
    }

    [Fact]
    public void Mix_with_changing_weights_uses_each_weight()
    {
        // x = 0, y = 1: mixing with 0.5 then 0.25 gives 0.5 then 0.625 (the cached weight tensor is refilled).
        using var torch = new TorchParameterBackend();
        using var x = torch.FromSpan(new float[] { 0f });
        using var y = torch.FromSpan(new float[] { 1f });
        torch.Mix(x, y, 0.5f);
        Assert.Equal(0.5f, x.ToArray()[0]);
        torch.Mix(x, y, 0.25f);
        Assert.Equal(0.625f, x.ToArray()[0]);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_and_SquaredNorm_match_the_cpu_backend(int d)
    {
        using var torch = new TorchParameterBackend();
        var (cx, tx) = Pair(torch, TestData.RandomVector(d, 5));
        var (cy, ty) = Pair(torch, TestData.RandomVector(d, 6));
        double dot = Cpu.Dot(cx, cy);
        Assert.Equal(dot, torch.Dot(tx, ty), Tol * (1 + Math.Abs(dot)) * Math.Sqrt(d));
        double sq = Cpu.SquaredNorm(cx);
        Assert.Equal(sq, torch.SquaredNorm(tx), Tol * (1 + sq));
    }

    [Fact]
    public void Dot_of_a_known_pair_is_exact()
    {
        using var torch = new TorchParameterBackend();
        using var x = torch.FromSpan(new float[] { 1, 2, 3 });
        using var y = torch.FromSpan(new float[] { 4, -5, 6 });
        Assert.Equal(12d, torch.Dot(x, y));
        Assert.Equal(14d, torch.SquaredNorm(x));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WeightedSum_matches_the_cpu_backend(bool destinationIsFirstInput)
    {
        using var torch = new TorchParameterBackend();
        const int d = 1001;
        var c = new ParameterVector[4];
        var t = new ParameterVector[4];
        for (int k = 0; k < 4; k++)
        {
            (c[k], t[k]) = Pair(torch, TestData.RandomVector(d, 10 + k));
        }

        float[] w = [0.5f, -0.25f, 2f, 0.125f];
        var cd = destinationIsFirstInput ? c[0] : Cpu.Allocate(d);
        var td = destinationIsFirstInput ? t[0] : torch.Allocate(d);
        Cpu.WeightedSum(c, w, cd);
        torch.WeightedSum(t, w, td);
        TestData.AssertClose(cd.ToArray(), td.ToArray(), Tol);
    }

    [Fact]
    public void IsAllFinite_detects_nan_and_infinity()
    {
        using var torch = new TorchParameterBackend();
        var v = TestData.RandomVector(100, 7);
        using var x = torch.FromSpan(v);
        Assert.True(torch.IsAllFinite(x));
        v[42] = float.NaN;
        x.CopyFrom(v);
        Assert.False(torch.IsAllFinite(x));
        v[42] = float.NegativeInfinity;
        x.CopyFrom(v);
        Assert.False(torch.IsAllFinite(x));
    }

    [Fact]
    public void MaxMagnitude_matches_the_cpu_backend_and_propagates_nan_and_infinity()
    {
        using var torch = new TorchParameterBackend();
        var v = TestData.RandomVector(1000, 8);
        v[17] = -123.5f;
        using var x = torch.FromSpan(v);
        using var c = Cpu.FromSpan(v);
        Assert.Equal(123.5, torch.MaxMagnitude(x));
        Assert.Equal(Cpu.MaxMagnitude(c), torch.MaxMagnitude(x));
        v[3] = float.NegativeInfinity;
        x.CopyFrom(v);
        Assert.Equal(double.PositiveInfinity, torch.MaxMagnitude(x));
        v[5] = float.NaN;
        x.CopyFrom(v);
        c.CopyFrom(v);
        Assert.True(double.IsNaN(torch.MaxMagnitude(x)));
        Assert.True(double.IsNaN(Cpu.MaxMagnitude(c)));
        using var empty = torch.Allocate(0);
        Assert.Equal(0, torch.MaxMagnitude(empty));
    }

    [Theory]
    [InlineData(AdaptiveRule.Adagrad)]
    [InlineData(AdaptiveRule.Adam)]
    [InlineData(AdaptiveRule.Yogi)]
    public void AdaptiveStep_matches_the_cpu_backend(AdaptiveRule rule)
    {
        using var torch = new TorchParameterBackend();
        const int d = 777;
        var (cx, tx) = Pair(torch, TestData.RandomVector(d, 20));
        var (cm, tm) = Pair(torch, TestData.RandomVector(d, 21, 0.1f));
        var mag = TestData.RandomVector(d, 22, 0.01f).Select(Math.Abs).ToArray();
        var (cv, tv) = Pair(torch, mag);
        var p = new AdaptiveStepParameters(rule, 0.9, 0.99, 0.01, 1e-3, 0.19, 0.0199);
        for (int step = 0; step < 3; step++)
        {
            var (cdl, tdl) = Pair(torch, TestData.RandomVector(d, 30 + step, 0.1f));
            Cpu.AdaptiveStep(cx, cm, cv, cdl, p);
            torch.AdaptiveStep(tx, tm, tv, tdl, p);
        }

        TestData.AssertClose(cm.ToArray(), tm.ToArray(), Tol);
        TestData.AssertClose(cv.ToArray(), tv.ToArray(), Tol);
        TestData.AssertClose(cx.ToArray(), tx.ToArray(), Tol);
    }

    [Fact]
    public void DelayCompensate_matches_the_cpu_backend_and_a_hand_value()
    {
        using var torch = new TorchParameterBackend();
        const int d = 513;
        var (cd, td) = Pair(torch, TestData.RandomVector(d, 40));
        var (cc, tc) = Pair(torch, TestData.RandomVector(d, 41));
        var (cb, tb) = Pair(torch, TestData.RandomVector(d, 42));
        Cpu.DelayCompensate(cd, cc, cb, 0.7f);
        torch.DelayCompensate(td, tc, tb, 0.7f);
        TestData.AssertClose(cd.ToArray(), td.ToArray(), Tol);

        // δ = 2, current − base = 0.5, λ = 0.1: 2 − 0.1·4·0.5 = 1.8.
        using var one = torch.FromSpan(new float[] { 2f });
        using var cur = torch.FromSpan(new float[] { 1.5f });
        using var bas = torch.FromSpan(new float[] { 1f });
        torch.DelayCompensate(one, cur, bas, 0.1f);
        Assert.Equal(1.8f, one.ToArray()[0], 6);
    }

    [Fact]
    public void Foreign_vectors_mismatched_lengths_and_non_finite_scalars_are_rejected()
    {
        using var torch = new TorchParameterBackend();
        using var x = torch.Allocate(4);
        using var shorter = torch.Allocate(3);
        using var cpu = Cpu.Allocate(4);
        Assert.Throws<ArgumentException>(() => torch.Mix(x, cpu, 0.5f));
        Assert.Throws<ArgumentException>(() => torch.AddScaled(x, shorter, 1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.Mix(x, x, float.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => torch.Scale(x, float.PositiveInfinity));
    }

    [Fact]
    public void Vectors_are_zero_copy_on_the_cpu_and_round_trip()
    {
        using var torch = new TorchParameterBackend();
        var v = TestData.RandomVector(10, 50);
        using var x = torch.FromSpan(v);
        Assert.True(x.IsHostAccessible);
        Assert.Equal(v, x.ToArray());
        x.AsSpan()[3] = 42f;
        Assert.Equal(42f, x.Tensor[3].item<float>());
        Assert.Equal("torch (cpu)", torch.Name.ToLowerInvariant());
        Assert.Equal(10, x.Length);
    }

    [Fact]
    public void FromTensor_flattens_and_converts_a_copy()
    {
        using var torch = new TorchParameterBackend();
        using var source = TorchSharp.torch.arange(6, dtype: TorchSharp.torch.ScalarType.Float64).reshape(2, 3);
        using var x = torch.FromTensor(source);
        Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, x.ToArray());
        torch.Fill(x, 0f);
        Assert.Equal(5.0, source[1, 2].item<double>());
    }
    [Fact]
    public void AdaptiveStep_rejects_shared_state_vectors_on_both_backends_and_leaves_them_unchanged()
    {
        using var torch = new TorchParameterBackend();
        var p = new AdaptiveStepParameters(AdaptiveRule.Adam, 0.9, 0.99, 0.01, 1e-3, 1, 1);
        foreach (IParameterBackend backend in new IParameterBackend[] { Cpu, torch })
        {
            using var x = Vector(backend, [1f, 2f]);
            using var other = Vector(backend, [0.5f, 0.5f]);
            using var delta = Vector(backend, [0.1f, 0.1f]);
            Assert.Throws<ArgumentException>(() => backend.AdaptiveStep(x, x, other, delta, in p));
            Assert.Throws<ArgumentException>(() => backend.AdaptiveStep(x, other, x, delta, p));
            Assert.Throws<ArgumentException>(() => backend.AdaptiveStep(x, other, other, delta, p));
            Assert.Equal([1f, 2f], x.ToArray());
            Assert.Equal([0.5f, 0.5f], other.ToArray());

            // The delta may be one of the state vectors (the server optimisers step with their own buffer).
            using var m = Vector(backend, [0f, 0f]);
            using var v = Vector(backend, [0f, 0f]);
            backend.AdaptiveStep(x, m, v, m, p);
        }
    }

    private static ParameterVector Vector(IParameterBackend backend, float[] values)
    {
        var vector = backend.Allocate(values.Length);
        vector.CopyFrom(values);
        return vector;
    }
}
