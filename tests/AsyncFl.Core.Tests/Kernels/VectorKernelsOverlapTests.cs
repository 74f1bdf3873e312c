using Xunit;
using AsyncFl.Backends;
using AsyncFl.Kernels;
using static AsyncFl.Core.Tests.Kernels.KernelTestData;

namespace AsyncFl.Core.Tests.Kernels;

/// <summary>
/// Aliasing rules of the kernels: a written span may be the very same memory as an input where the method allows
/// in-place use, and must not overlap an operand otherwise (<see cref="ArgumentException"/>, nothing written); spans
/// that are only read may overlap freely.
/// </summary>
[Trait("Category", "Kernels")]
public sealed class VectorKernelsOverlapTests
{
    private const int N = 40;

    // (written offset, other offset) pairs inside one buffer of 2N + 8 floats: every kind of partial overlap, from
    // one shared element to all but one, with the written span before and after the other.
    public static TheoryData<int, int> PartialOverlaps() => new()
    {
        { 0, 1 }, { 1, 0 }, { 0, N - 1 }, { N - 1, 0 }, { 3, 17 }, { 20, 5 },
    };

    [Theory]
    [MemberData(nameof(PartialOverlaps))]
    public void Mix_and_AddScaled_reject_a_partial_overlap_and_write_nothing(int xAt, int yAt)
    {
        float[] buf = Random((2 * N) + 8, 1);
        float[] before = (float[])buf.Clone();
        var x = buf.AsSpan(xAt, N);
        var y = buf.AsSpan(yAt, N);
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.Mix(buf.AsSpan(xAt, N), buf.AsSpan(yAt, N), 0.5f)), "x", "y");
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.AddScaled(buf.AsSpan(xAt, N), buf.AsSpan(yAt, N), 0.5f)), "x", "y");
        Assert.True(x.Overlaps(y));
        Assert.Equal(before, buf);
    }

    [Theory]
    [MemberData(nameof(PartialOverlaps))]
    public void Copy_WeightedSum_and_DelayCompensate_reject_a_partial_overlap_of_what_they_write(int writtenAt, int otherAt)
    {
        float[] buf = Random((2 * N) + 8, 2);
        float[] before = (float[])buf.Clone();
        float[] separate = Random(N, 3);
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.Copy(buf.AsSpan(otherAt, N), buf.AsSpan(writtenAt, N))), "destination", "source");
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.WeightedSum(buf.AsSpan(otherAt, N), 0.5f, separate, 0.5f, buf.AsSpan(writtenAt, N))), "destination", "a");
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.WeightedSum(separate, 0.5f, buf.AsSpan(otherAt, N), 0.5f, buf.AsSpan(writtenAt, N))), "destination", "b");
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.DelayCompensate(buf.AsSpan(writtenAt, N), buf.AsSpan(otherAt, N), separate, 0.5f)), "delta", "current");
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.DelayCompensate(buf.AsSpan(writtenAt, N), separate, buf.AsSpan(otherAt, N), 0.5f)), "delta", "baseModel");
        Assert.Equal(before, buf);
    }

    [Theory]
    [MemberData(nameof(PartialOverlaps))]
    public void AdaptiveStep_rejects_a_partial_overlap_of_any_two_spans(int at, int otherAt)
    {
        var p = new AdaptiveStepParameters(AdaptiveRule.Adam, 0.9, 0.99, 0.01, 1e-3);
        float[] buf = Random((2 * N) + 8, 4);
        for (int i = 0; i < buf.Length; i++)
        {
            buf[i] = Math.Abs(buf[i]); // a valid second moment wherever v lands
        }

        float[] before = (float[])buf.Clone();
        float[] x = Random(N, 5), m = Random(N, 6), v = Random(N, 7).Select(Math.Abs).ToArray(), d = Random(N, 8);
        Span<float> A() => buf.AsSpan(at, N);
        Span<float> B() => buf.AsSpan(otherAt, N);
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.AdaptiveStep(B(), A(), v, d, p)), "m", "x");
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.AdaptiveStep(B(), m, A(), d, p)), "v", "x");
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.AdaptiveStep(x, A(), B(), d, p)), "m", "v");
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.AdaptiveStep(A(), m, v, B(), p)), "x", "delta");
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.AdaptiveStep(x, A(), v, B(), p)), "m", "delta");
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.AdaptiveStep(x, m, A(), B(), p)), "v", "delta");
        Assert.Equal(before, buf);
    }

    [Fact]
    public void AdaptiveStep_rejects_the_same_memory_for_two_of_x_m_v()
    {
        var p = new AdaptiveStepParameters(AdaptiveRule.Yogi, 0.9, 0.99, 0.01, 1e-3);
        float[] a = Random(N, 9).Select(Math.Abs).ToArray(), b = Random(N, 10).Select(Math.Abs).ToArray(), d = Random(N, 11);
        float[] a0 = (float[])a.Clone();
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.AdaptiveStep(a, a, b, d, p)), "m", "x");
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.AdaptiveStep(a, b, a, d, p)), "v", "x");
        AssertOverlap(Assert.Throws<ArgumentException>(() => VectorKernels.AdaptiveStep(b, a, a, d, p)), "m", "v");
        Assert.Equal(a0, a);
    }

    [Theory]
    [InlineData(AdaptiveRule.Adagrad)]
    [InlineData(AdaptiveRule.Adam)]
    [InlineData(AdaptiveRule.Yogi)]
    public void AdaptiveStep_with_delta_in_x_m_or_v_equals_the_step_with_a_copy_of_it(AdaptiveRule rule)
    {
        var p = new AdaptiveStepParameters(rule, 0.9, 0.99, 0.01, 1e-3, 0.19, 0.0199);
        foreach (int n in new[] { 1, 3, 15, 16, 17, 63, 100, 1000 })
        {
            for (int which = 0; which < 3; which++)
            {
                float[] x = Random(n, 20), m = Random(n, 21), v = Random(n, 22).Select(Math.Abs).ToArray();
                float[][] state = [x, m, v];
                float[] delta = (float[])state[which].Clone();
                float[] ex = (float[])x.Clone(), em = (float[])m.Clone(), ev = (float[])v.Clone();
                VectorKernels.AdaptiveStep(ex, em, ev, delta, p);
                VectorKernels.AdaptiveStep(x, m, v, state[which], p);
                Assert.Equal(ex, x);
                Assert.Equal(em, m);
                Assert.Equal(ev, v);
            }
        }
    }

    [Fact]
    public void The_same_memory_stays_allowed_where_the_kernel_writes_in_place()
    {
        foreach (int n in Lengths().Where(n => n <= 256))
        {
            float[] x0 = Random(n, 30), b = Random(n, 31);

            float[] x = (float[])x0.Clone();
            VectorKernels.Copy(x, x);
            Assert.Equal(x0, x);

            x = (float[])x0.Clone();
            VectorKernels.WeightedSum(x, 0.25f, b, -1.5f, x);
            float[] y = (float[])x0.Clone();
            VectorKernels.WeightedSum(b, -1.5f, y, 0.25f, y);
            for (int i = 0; i < n; i++)
            {
                BitEqual(MathF.FusedMultiplyAdd(-1.5f, b[i], MathF.FusedMultiplyAdd(0.25f, x0[i], 0f)), x[i], $"destination = a, n={n} i={i}");
                BitEqual(MathF.FusedMultiplyAdd(0.25f, x0[i], MathF.FusedMultiplyAdd(-1.5f, b[i], 0f)), y[i], $"destination = b, n={n} i={i}");
            }

            x = (float[])x0.Clone();
            VectorKernels.DelayCompensate(x, x, b, 0.75f);
            for (int i = 0; i < n; i++)
            {
                BitEqual(x0[i] - (0.75f * x0[i] * x0[i] * (x0[i] - b[i])), x[i], $"delta = current, n={n} i={i}");
            }
        }
    }

    [Fact]
    public void Adjacent_spans_and_overlapping_inputs_that_are_only_read_are_allowed()
    {
        float[] buf = Random(3 * N, 40);
        float[] x0 = buf[..N];

        // x and y share the buffer but no element.
        VectorKernels.AddScaled(buf.AsSpan(0, N), buf.AsSpan(N, N), 2f);
        for (int i = 0; i < N; i++)
        {
            BitEqual(MathF.FusedMultiplyAdd(2f, buf[N + i], x0[i]), buf[i], $"adjacent i={i}");
        }

        // Inputs that are only read may overlap one another.
        ReadOnlySpan<float> r1 = buf.AsSpan(N, N), r2 = buf.AsSpan(N + 3, N);
        Assert.True(r1.Overlaps(r2));
        double dot = VectorKernels.Dot(r1, r2);
        Assert.Equal(VectorKernels.Dot(r1.ToArray(), r2.ToArray()), dot);

        float[] expected = new float[N], actual = new float[N];
        VectorKernels.WeightedSum(r1.ToArray(), 0.5f, r2.ToArray(), 0.25f, expected);
        VectorKernels.WeightedSum(r1, 0.5f, r2, 0.25f, actual);
        Assert.Equal(expected, actual);

        float[] d1 = Random(N, 41), d2 = (float[])d1.Clone();
        VectorKernels.DelayCompensate(d1, r1.ToArray(), r2.ToArray(), 0.5f);
        VectorKernels.DelayCompensate(d2, r1, r2, 0.5f);
        Assert.Equal(d1, d2);
    }

    [Fact]
    public unsafe void WeightedSum_pointers_allow_the_destination_only_as_one_of_the_first_chunk_of_inputs()
    {
        const int K = VectorKernels.WeightedSumChunk + 1;
        const int Length = 37;
        float[] weights = Enumerable.Range(0, K).Select(k => 1f / (k + 2)).ToArray();
        float[] backing = Random((K + 1) * Length, 50);
        fixed (float* p = backing)
        {
            var inputs = new IntPtr[K];
            for (int k = 0; k < K; k++)
            {
                inputs[k] = (IntPtr)(p + (k * Length));
            }

            float* spare = p + (K * Length);

            // Out of place, then into inputs[3]: the same result.
            VectorKernels.WeightedSum(inputs, weights, spare, Length);
            float[] expected = new Span<float>(spare, Length).ToArray();
            VectorKernels.WeightedSum(inputs, weights, p + (3 * Length), Length);
            Assert.Equal(expected, new Span<float>(p + (3 * Length), Length).ToArray());

            // inputs[16] is read in the second pass, after the first pass has written the destination.
            float[] snapshot = (float[])backing.Clone();
            float* last = (float*)inputs[VectorKernels.WeightedSumChunk];
            var e = Assert.Throws<ArgumentException>(() => VectorKernels.WeightedSum(inputs, weights, last, Length));
            Assert.Contains($"inputs[{VectorKernels.WeightedSumChunk}]", e.Message, StringComparison.Ordinal);

            // A partial overlap with any input.
            float* intoSecondAndThird = p + (2 * Length) + 5, shifted = p + 1;
            e = Assert.Throws<ArgumentException>(() => VectorKernels.WeightedSum(inputs, weights, intoSecondAndThird, Length));
            Assert.Contains("inputs[2]", e.Message, StringComparison.Ordinal);
            e = Assert.Throws<ArgumentException>(() => VectorKernels.WeightedSum(inputs.AsSpan(0, 1), weights.AsSpan(0, 1), shifted, Length));
            Assert.Contains("inputs[0]", e.Message, StringComparison.Ordinal);
            Assert.Equal(snapshot, backing);
        }
    }

    private static void AssertOverlap(ArgumentException e, string written, string other)
    {
        Assert.Equal(written, e.ParamName);
        Assert.Contains($"'{written}' and '{other}' overlap", e.Message, StringComparison.Ordinal);
    }
}
