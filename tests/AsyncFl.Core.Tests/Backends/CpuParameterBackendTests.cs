using AsyncFl.Backends;
using Xunit;

namespace AsyncFl.Core.Tests.Backends;

public sealed class CpuParameterBackendTests
{
    private static readonly CpuParameterBackend B = CpuParameterBackend.Instance;

    [Fact]
    public void Name_says_cpu_and_the_simd_path()
    {
        Assert.StartsWith("cpu", B.Name, StringComparison.Ordinal);
        Assert.Contains(AsyncFl.Kernels.VectorKernels.ActivePath, B.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void Operations_give_hand_computed_values()
    {
        using var x = B.FromSpan(new[] { 4f, -2f, 0f });
        using var y = B.FromSpan(new[] { 8f, 2f, 1f });
        B.Mix(x, y, 0.25f);
        Assert.Equal(new[] { 5f, -1f, 0.25f }, x.ToArray());
        B.AddScaled(x, y, -0.5f);
        Assert.Equal(new[] { 1f, -2f, -0.25f }, x.ToArray());
        B.Scale(x, 4f);
        Assert.Equal(new[] { 4f, -8f, -1f }, x.ToArray());
        Assert.Equal((4 * 8) + (-8 * 2) + (-1 * 1), B.Dot(x, y));
        Assert.Equal(16 + 64 + 1, B.SquaredNorm(x));
        B.Copy(y, x);
        Assert.Equal(new[] { 8f, 2f, 1f }, x.ToArray());
        B.Fill(x, 1.5f);
        Assert.Equal(new[] { 1.5f, 1.5f, 1.5f }, x.ToArray());
        Assert.True(B.IsAllFinite(x));
        x.CopyFrom(new[] { 1f, float.NaN, 0f });
        Assert.False(B.IsAllFinite(x));
    }

    [Fact]
    public void WeightedSum_of_three_vectors()
    {
        using var a = B.FromSpan(new[] { 1f, 2f });
        using var b = B.FromSpan(new[] { 10f, 20f });
        using var c = B.FromSpan(new[] { 100f, 200f });
        using var d = B.Allocate(2);
        B.WeightedSum(new ParameterVector[] { a, b, c }, new[] { 0.5f, 0.25f, 0.125f }, d);
        Assert.Equal(new[] { 0.5f + 2.5f + 12.5f, 1f + 5f + 25f }, d.ToArray());

        // Into the first input.
        B.WeightedSum(new ParameterVector[] { a, b }, new[] { 2f, 1f }, a);
        Assert.Equal(new[] { 12f, 24f }, a.ToArray());
    }

    [Fact]
    public void AdaptiveStep_and_DelayCompensate_hand_computed()
    {
        using var x = B.FromSpan(new[] { 1f });
        using var m = B.FromSpan(new[] { 0f });
        using var v = B.FromSpan(new[] { 0f });
        using var delta = B.FromSpan(new[] { 2f });

        // Adam, β1 = 0.5, β2 = 0.75, η = 1, τ = 0: m = 1, v = 0.25·4 = 1, x = 1 + 1/(1 + 0) = 2.
        B.AdaptiveStep(x, m, v, delta, new AdaptiveStepParameters(AdaptiveRule.Adam, 0.5f, 0.75f, 1f, 0f));
        Assert.Equal(1f, m.ToArray()[0]);
        Assert.Equal(1f, v.ToArray()[0]);
        Assert.Equal(2f, x.ToArray()[0]);

        // delta = 2 − 0.5·2·2·(3 − 1) = −2.
        using var cur = B.FromSpan(new[] { 3f });
        using var bas = B.FromSpan(new[] { 1f });
        B.DelayCompensate(delta, cur, bas, 0.5f);
        Assert.Equal(-2f, delta.ToArray()[0]);
    }

    [Fact]
    public void Mismatched_lengths_and_bad_scalars_are_rejected()
    {
        using var a = B.Allocate(3);
        using var b = B.Allocate(4);
        Assert.Throws<ArgumentException>(() => B.Mix(a, b, 0.5f));
        Assert.Throws<ArgumentException>(() => B.WeightedSum(new ParameterVector[] { a, b }, new[] { 1f, 1f }, a));
        Assert.Throws<ArgumentException>(() => B.WeightedSum(new ParameterVector[] { a }, new[] { 1f, 1f }, a));
        Assert.Throws<ArgumentOutOfRangeException>(() => B.Mix(a, a, float.NaN));
        Assert.Throws<ArgumentNullException>(() => B.Mix(a, null!, 0.5f));
    }

    [Fact]
    public void Foreign_vectors_are_rejected()
    {
        using var mine = B.Allocate(2);
        using var foreign = new ForeignVector(2);
        var ex = Assert.Throws<ArgumentException>(() => B.Mix(mine, foreign, 0.5f));
        Assert.Contains("foreign", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => B.Copy(foreign, mine));
        Assert.Throws<ArgumentException>(() => B.WeightedSum(new ParameterVector[] { foreign }, new[] { 1f }, mine));
    }

    private sealed class ForeignVector(int length) : ParameterVector(new ForeignBackend(), length)
    {
        public override void CopyFrom(ReadOnlySpan<float> source) => throw new NotSupportedException();

        public override void CopyTo(Span<float> destination) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
        }
    }

    private sealed class ForeignBackend : IParameterBackend
    {
        public string Name => "foreign";

        public ParameterVector Allocate(int length) => new ForeignVector(length);

        public void Fill(ParameterVector x, float value) => throw new NotSupportedException();

        public void Copy(ParameterVector source, ParameterVector destination) => throw new NotSupportedException();

        public void Mix(ParameterVector x, ParameterVector y, float a) => throw new NotSupportedException();

        public void AddScaled(ParameterVector x, ParameterVector y, float w) => throw new NotSupportedException();

        public void Scale(ParameterVector x, float s) => throw new NotSupportedException();

        public double Dot(ParameterVector x, ParameterVector y) => throw new NotSupportedException();

        public double SquaredNorm(ParameterVector x) => throw new NotSupportedException();

        public void WeightedSum(ReadOnlySpan<ParameterVector> inputs, ReadOnlySpan<float> weights, ParameterVector destination) => throw new NotSupportedException();

        public bool IsAllFinite(ParameterVector x) => throw new NotSupportedException();

        public double MaxMagnitude(ParameterVector x) => throw new NotSupportedException();

        public void AdaptiveStep(ParameterVector x, ParameterVector m, ParameterVector v, ParameterVector delta, in AdaptiveStepParameters parameters) => throw new NotSupportedException();

        public void DelayCompensate(ParameterVector delta, ParameterVector current, ParameterVector baseModel, float lambda) => throw new NotSupportedException();
    }
}
