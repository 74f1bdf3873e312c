using AsyncFl.Backends;
using Xunit;

namespace AsyncFl.Core.Tests.Backends;

public sealed class CpuVectorTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(100_003)]
    public unsafe void Allocate_gives_zeroed_64_byte_aligned_memory(int length)
    {
        using var v = (CpuVector)CpuParameterBackend.Instance.Allocate(length);
        Assert.Equal(length, v.Length);
        Assert.Equal(0, (long)v.Pointer % 64);
        Assert.All(v.ToArray(), x => Assert.Equal(0f, x));
        Assert.Same(CpuParameterBackend.Instance, v.Backend);
    }

    [Fact]
    public void Negative_length_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CpuParameterBackend.Instance.Allocate(-1));
    }

    [Fact]
    public void CopyFrom_and_CopyTo_round_trip_and_check_lengths()
    {
        using var v = CpuParameterBackend.Instance.Allocate(3);
        v.CopyFrom(new[] { 1f, 2f, 3f });
        Assert.Equal(new[] { 1f, 2f, 3f }, v.ToArray());
        var dst = new float[3];
        v.CopyTo(dst);
        Assert.Equal(new[] { 1f, 2f, 3f }, dst);
        Assert.Throws<ArgumentException>(() => v.CopyFrom(new float[4]));
        Assert.Throws<ArgumentException>(() => v.CopyTo(new float[2]));
    }

    [Fact]
    public void Dispose_frees_and_further_use_throws()
    {
        var v = CpuParameterBackend.Instance.FromSpan(new[] { 1f, 2f });
        Assert.False(v.IsDisposed);
        v.Dispose();
        Assert.True(v.IsDisposed);
        v.Dispose(); // idempotent
        Assert.Throws<ObjectDisposedException>(() => v.Span.Length);
        Assert.Throws<ObjectDisposedException>(() => v.ToArray());
        Assert.Throws<ObjectDisposedException>(() => CpuParameterBackend.Instance.Scale(v, 2f));
    }
}
