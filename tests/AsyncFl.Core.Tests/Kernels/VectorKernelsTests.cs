using AsyncFl.Backends;
using AsyncFl.Kernels;
using Xunit;
using static AsyncFl.Core.Tests.Kernels.KernelTestData;

namespace AsyncFl.Core.Tests.Kernels;

/// <summary>
/// Every kernel against a naive scalar reference (double precision, 1e-5 relative tolerance, and where the kernel
/// documents an exact float evaluation order also bit for bit) for every length 0–256 and 1000, 4099, 65537, on
/// aligned and misaligned memory. Run under DOTNET_EnableAVX512F=0 / EnableAVX2=0 / EnableHWIntrinsic=0 too.
/// </summary>
[Trait("Category", "Kernels")]
public sealed class VectorKernelsTests
{
    [Fact]
    public void ActivePath_names_a_known_path()
    {
        Assert.Contains(VectorKernels.ActivePath, new[] { "Vector512", "Vector256", "Vector128", "scalar" });
    }

    [Theory]
    [InlineData(0.3f)]
    [InlineData(0.999f)]
    [InlineData(-0.5f)]
    [InlineData(1.75f)]
    public void Mix_matches_reference(float a)
    {
        foreach (int n in Lengths())
        {
            float[] x0 = Random(n, 1), y = Random(n, 2);
            var x = Misaligned(x0, n % 4);
            VectorKernels.Mix(x.Span, Misaligned(y, (n + 1) % 4).Span, a);
            for (int i = 0; i < n; i++)
            {
                double expected = ((1.0 - a) * x0[i]) + ((double)a * y[i]);
                Close(expected, x.Span[i], Math.Abs((1.0 - a) * x0[i]) + Math.Abs((double)a * y[i]), $"Mix n={n} i={i}");
                BitEqual(MathF.FusedMultiplyAdd(a, y[i] - x0[i], x0[i]), x.Span[i], $"Mix fma n={n} i={i}");
            }
        }
    }

    [Theory]
    [InlineData(0.7f)]
    [InlineData(-3.25f)]
    public void AddScaled_matches_reference(float w)
    {
        foreach (int n in Lengths())
        {
            float[] x0 = Random(n, 3), y = Random(n, 4);
            var x = Misaligned(x0, (n + 2) % 4);
            VectorKernels.AddScaled(x.Span, y, w);
            for (int i = 0; i < n; i++)
            {
                double expected = x0[i] + ((double)w * y[i]);
                Close(expected, x.Span[i], Math.Abs(x0[i]) + Math.Abs((double)w * y[i]), $"AddScaled n={n} i={i}");
                BitEqual(MathF.FusedMultiplyAdd(w, y[i], x0[i]), x.Span[i], $"AddScaled fma n={n} i={i}");
            }
        }
    }

    [Fact]
    public void Scale_matches_reference()
    {
        foreach (int n in Lengths())
        {
            float[] x0 = Random(n, 5);
            var x = Misaligned(x0, (n + 3) % 4);
            VectorKernels.Scale(x.Span, -1.37f);
            for (int i = 0; i < n; i++)
            {
                BitEqual(x0[i] * -1.37f, x.Span[i], $"Scale n={n} i={i}");
                Close(x0[i] * (double)-1.37f, x.Span[i], Math.Abs(x0[i] * 1.37), $"Scale n={n} i={i}");
            }
        }
    }

    [Fact]
    public void Copy_matches_reference()
    {
        foreach (int n in Lengths())
        {
            float[] s = Random(n, 6);
            var d = new float[n];
            VectorKernels.Copy(s, d);
            Assert.Equal(s, d);
        }
    }

    [Fact]
    public void Dot_and_SquaredNorm_match_double_reference()
    {
        foreach (int n in Lengths())
        {
            float[] x = Random(n, 7), y = Random(n, 8);
            double dot = 0, absDot = 0, sq = 0;
            for (int i = 0; i < n; i++)
            {
                dot += (double)x[i] * y[i];
                absDot += Math.Abs((double)x[i] * y[i]);
                sq += (double)x[i] * x[i];
            }

            Close(dot, VectorKernels.Dot(Misaligned(x, n % 4).Span, y), absDot, $"Dot n={n}");
            Close(sq, VectorKernels.SquaredNorm(Misaligned(x, (n + 1) % 4).Span), sq, $"SquaredNorm n={n}");
        }
    }

    [Fact]
    public void SquaredNorm_is_Dot_of_x_with_itself_bit_for_bit()
    {
        foreach (int n in Lengths())
        {
            float[] x = Random(n, 7);
            var m = Misaligned(x, n % 4);
            Assert.Equal(BitConverter.DoubleToInt64Bits(VectorKernels.Dot(m.Span, m.Span)), BitConverter.DoubleToInt64Bits(VectorKernels.SquaredNorm(m.Span)));
        }
    }

    [Fact]
    public void Dot_of_a_long_constant_vector_is_accurate()
    {
        // 1e6 × 0.1f·0.1f: a naive single float accumulator drifts by ~1e-3 relative here; blocks keep it ≤ 1e-6.
        var x = new float[1_000_000];
        Array.Fill(x, 0.1f);
        double exact = 1_000_000 * ((double)0.1f * 0.1f);
        Close(exact, VectorKernels.Dot(x, x), exact * 0.1, "Dot 1e6");
        Assert.InRange(Math.Abs(VectorKernels.SquaredNorm(x) - exact) / exact, 0, 1e-6);
    }

    [Fact]
    public void IsAllFinite_detects_every_non_finite_position()
    {
        float[] specials = { float.NaN, float.PositiveInfinity, float.NegativeInfinity };
        foreach (int n in Lengths())
        {
            float[] x = Random(n, 9);
            if (n > 0)
            {
                x[0] = float.MaxValue;
                x[n - 1] = -float.Epsilon;
            }

            Assert.True(VectorKernels.IsAllFinite(x), $"n={n} finite");
            int[] positions = n <= 64 ? Enumerable.Range(0, n).ToArray() : new[] { 0, 1, n / 2, n - 17, n - 2, n - 1 };
            foreach (int p in positions)
            {
                foreach (float special in specials)
                {
                    float old = x[p];
                    x[p] = special;
                    Assert.False(VectorKernels.IsAllFinite(Misaligned(x, p % 4).Span), $"n={n} p={p} {special}");
                    x[p] = old;
                }
            }
        }
    }

    [Fact]
    public void MaxMagnitude_is_the_largest_absolute_value_and_propagates_every_non_finite_position()
    {
        Assert.Equal(0f, VectorKernels.MaxMagnitude([]));
        foreach (int n in Lengths().Where(n => n > 0))
        {
            float[] x = Random(n, 10);
            int at = (n * 7) / 11;
            x[at] = -1e30f;
            Assert.Equal(1e30f, VectorKernels.MaxMagnitude(Misaligned(x, n % 4).Span));
            int[] positions = n <= 64 ? Enumerable.Range(0, n).ToArray() : new[] { 0, 1, n / 2, n - 17, n - 2, n - 1 };
            foreach (int p in positions)
            {
                float old = x[p];
                x[p] = float.NaN;
                Assert.True(float.IsNaN(VectorKernels.MaxMagnitude(Misaligned(x, p % 4).Span)), $"n={n} p={p} NaN");
                x[p] = float.NegativeInfinity;
                Assert.Equal(float.PositiveInfinity, VectorKernels.MaxMagnitude(Misaligned(x, p % 4).Span));
                x[p] = old;
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    public unsafe void WeightedSum_matches_reference(int k)
    {
        float[] weights = Random(k, 100 + k);
        foreach (int n in Lengths())
        {
            var inputs = new float[k][];
            for (int j = 0; j < k; j++)
            {
                inputs[j] = Random(n, (1000 * k) + j);
            }

            var dst = new float[n + 1];
            var handles = inputs.Select(a => System.Runtime.InteropServices.GCHandle.Alloc(a, System.Runtime.InteropServices.GCHandleType.Pinned)).ToArray();
            try
            {
                var ptrs = handles.Select(h => h.AddrOfPinnedObject()).ToArray();
                fixed (float* pd = dst)
                {
                    // Write at offset 1 (misaligned); the element before must stay untouched.
                    dst[0] = 42f;
                    VectorKernels.WeightedSum(ptrs, weights, pd + 1, n);
                }
            }
            finally
            {
                foreach (var h in handles)
                {
                    h.Free();
                }
            }

            Assert.Equal(42f, dst[0]);
            for (int i = 0; i < n; i++)
            {
                double expected = 0, scale = 0;
                float sequential = 0f;
                for (int j = 0; j < k; j++)
                {
                    expected += (double)weights[j] * inputs[j][i];
                    scale += Math.Abs((double)weights[j] * inputs[j][i]);
                    sequential = MathF.FusedMultiplyAdd(weights[j], inputs[j][i], sequential);
                }

                Close(expected, dst[i + 1], scale, $"WeightedSum k={k} n={n} i={i}");
                BitEqual(sequential, dst[i + 1], $"WeightedSum fma order k={k} n={n} i={i}");
            }
        }
    }

    // K = 1 takes its own one-pass path (the first update of a FedBuff buffer): every length 0–256 (+ large odd
    // ones), bit-identical to the general definition fma(w, x, +0), in place (destination = the input) and with
    // signed zeros (−0·w and 0·(−w) must come out as +0, as the fma gives).
    [Theory]
    [InlineData(0.37f)]
    [InlineData(-1.25f)]
    [InlineData(1f)]
    public unsafe void WeightedSum_of_one_input_in_place_is_bit_identical_to_fma_with_zero(float w)
    {
        float[] weights = [w];
        foreach (int n in Lengths())
        {
            float[] x = Random(n, 7000 + n);
            for (int i = 0; i < n; i += 5)
            {
                x[i] = (i % 10 == 0) ? -0f : 0f;
            }

            float[] expected = x.Select(v => MathF.FusedMultiplyAdd(w, v, 0f)).ToArray();
            var buf = new float[n + 2];
            x.CopyTo(buf, 1);
            buf[0] = 42f;
            buf[n + 1] = -42f;
            fixed (float* p = buf)
            {
                VectorKernels.WeightedSum([(IntPtr)(p + 1)], weights, p + 1, n);
            }

            Assert.Equal(42f, buf[0]);
            Assert.Equal(-42f, buf[n + 1]);
            for (int i = 0; i < n; i++)
            {
                BitEqual(expected[i], buf[i + 1], $"WeightedSum k=1 in place w={w} n={n} i={i}");
            }
        }
    }

    [Fact]
    public void WeightedSum_of_two_spans_matches_reference()
    {
        foreach (int n in Lengths())
        {
            float[] a = Random(n, 11), b = Random(n, 12);
            var d = new float[n];
            VectorKernels.WeightedSum(a, 0.25f, b, -1.5f, d);
            for (int i = 0; i < n; i++)
            {
                BitEqual(MathF.FusedMultiplyAdd(-1.5f, b[i], MathF.FusedMultiplyAdd(0.25f, a[i], 0f)), d[i], $"n={n} i={i}");
            }
        }
    }

    [Theory]
    [InlineData(AdaptiveRule.Adagrad)]
    [InlineData(AdaptiveRule.Adam)]
    [InlineData(AdaptiveRule.Yogi)]
    public void AdaptiveStep_matches_reference(AdaptiveRule rule)
    {
        var p = new AdaptiveStepParameters(rule, 0.9, 0.99, 0.01, 1e-3, 0.19, 0.0199);
        foreach (int n in Lengths())
        {
            float[] x0 = Random(n, 20), m0 = Random(n, 21), v0 = Random(n, 22), d = Random(n, 23);
            for (int i = 0; i < n; i++)
            {
                v0[i] = Math.Abs(v0[i]) * 0.5f;
                if (i % 5 == 0)
                {
                    v0[i] = d[i] * d[i]; // Yogi's sign(v − Δ²) = 0 branch
                }
            }

            float[] x = (float[])x0.Clone(), m = (float[])m0.Clone(), v = (float[])v0.Clone();
            VectorKernels.AdaptiveStep(x, m, v, d, p);
            for (int i = 0; i < n; i++)
            {
                // Double-precision reference of the FedOpt step.
                double di = d[i], mi = (0.9 * m0[i]) + ((1 - 0.9) * di);
                double vi = rule switch
                {
                    AdaptiveRule.Adagrad => v0[i] + (di * di),
                    AdaptiveRule.Adam => (0.99 * v0[i]) + ((1 - 0.99) * di * di),
                    _ => v0[i] - ((1 - 0.99) * di * di * Math.Sign(v0[i] - (d[i] * d[i]))),
                };
                double step = 0.01 * (mi / 0.19) / (Math.Sqrt(vi / 0.0199) + 1e-3);
                Close(mi, m[i], Math.Abs(0.9 * m0[i]) + Math.Abs(0.1 * di), $"{rule} m n={n} i={i}");
                Close(vi, v[i], Math.Abs(v0[i]) + (di * di), $"{rule} v n={n} i={i}");
                Close(x0[i] + step, x[i], Math.Abs(x0[i]) + Math.Abs(step), $"{rule} x n={n} i={i}");

                // The documented float evaluation order, bit for bit, with every coefficient computed in double and
                // rounded once.
                const float OneMinusB1 = (float)(1.0 - 0.9), OneMinusB2 = (float)(1.0 - 0.99);
                const float Inv1 = (float)(1.0 / 0.19), Inv2 = (float)(1.0 / 0.0199);
                float fd = d[i], fd2 = fd * fd;
                float fm = (0.9f * m0[i]) + (OneMinusB1 * fd);
                float diff = v0[i] - fd2;
                float fv = rule switch
                {
                    AdaptiveRule.Adagrad => v0[i] + fd2,
                    AdaptiveRule.Adam => (0.99f * v0[i]) + (OneMinusB2 * fd2),
                    _ => v0[i] - (OneMinusB2 * fd2 * (diff > 0 ? 1f : diff < 0 ? -1f : 0f)),
                };
                float fx = x0[i] + (0.01f * (fm * Inv1) / (MathF.Sqrt(fv * Inv2) + 1e-3f));
                BitEqual(fm, m[i], $"{rule} m bits n={n} i={i}");
                BitEqual(fv, v[i], $"{rule} v bits n={n} i={i}");
                BitEqual(fx, x[i], $"{rule} x bits n={n} i={i}");
            }
        }
    }

    [Fact]
    public void DelayCompensate_matches_reference()
    {
        const float lambda = 0.75f;
        foreach (int n in Lengths())
        {
            float[] d0 = Random(n, 30), c = Random(n, 31), b = Random(n, 32);
            var d = Misaligned(d0, n % 4);
            VectorKernels.DelayCompensate(d.Span, c, Misaligned(b, (n + 2) % 4).Span, lambda);
            for (int i = 0; i < n; i++)
            {
                double corr = lambda * (double)d0[i] * d0[i] * ((double)c[i] - b[i]);
                Close(d0[i] - corr, d.Span[i], Math.Abs(d0[i]) + Math.Abs(corr), $"DelayCompensate n={n} i={i}");
                BitEqual(d0[i] - (lambda * d0[i] * d0[i] * (c[i] - b[i])), d.Span[i], $"DelayCompensate bits n={n} i={i}");
            }
        }
    }

    [Fact]
    public void Mix_hand_computed()
    {
        float[] x = { 4f, -2f, 0f, 10f, 1f };
        float[] y = { 8f, 2f, 1f, -10f, 1f };
        VectorKernels.Mix(x, y, 0.25f);
        Assert.Equal(new[] { 5f, -1f, 0.25f, 5f, 1f }, x);
    }

    [Fact]
    public void Mix_special_weights_are_exact()
    {
        float[] x = Random(1000, 40), y = Random(1000, 41);
        float[] x0 = (float[])x.Clone();
        VectorKernels.Mix(x, y, 0f);
        Assert.Equal(x0, x);
        VectorKernels.Mix(x, y, 1f);
        Assert.Equal(y, x);
    }

    [Fact]
    public void AddScaled_with_zero_weight_leaves_x_bit_identical()
    {
        float[] x = { -0f, 1f, float.NaN };
        float[] y = { 1f, float.PositiveInfinity, 2f };
        VectorKernels.AddScaled(x, y, 0f);
        BitEqual(-0f, x[0], "−0 kept");
        Assert.Equal(1f, x[1]);
        Assert.True(float.IsNaN(x[2]));
    }

    [Fact]
    public unsafe void Mismatched_lengths_throw_ArgumentException()
    {
        float[] a = new float[10], b = new float[11], c = new float[10];
        Assert.Contains("10 and 11", Assert.Throws<ArgumentException>(() => VectorKernels.Mix(a, b, 0.5f)).Message);
        Assert.Throws<ArgumentException>(() => VectorKernels.AddScaled(a, b, 0.5f));
        Assert.Throws<ArgumentException>(() => VectorKernels.Copy(a, b));
        Assert.Throws<ArgumentException>(() => VectorKernels.Dot(a, b));
        Assert.Throws<ArgumentException>(() => VectorKernels.DelayCompensate(a, c, b, 0.5f));
        Assert.Throws<ArgumentException>(() => VectorKernels.AdaptiveStep(a, c, b, c, new AdaptiveStepParameters(AdaptiveRule.Adam, 0.9f, 0.99f, 0.1f, 1e-3f)));
        Assert.Throws<ArgumentException>(() => VectorKernels.WeightedSum(a, 0.5f, b, 0.5f, c));
        Assert.Throws<ArgumentException>(() => VectorKernels.WeightedSum(new IntPtr[2], new float[3], null, 0));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Non_finite_scalars_throw_ArgumentOutOfRangeException(float bad)
    {
        float[] a = new float[10], b = new float[10], c = new float[10], d = new float[10];
        Assert.Equal("a", Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.Mix(a, b, bad)).ParamName);
        Assert.Equal("w", Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.AddScaled(a, b, bad)).ParamName);
        Assert.Equal("s", Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.Scale(a, bad)).ParamName);
        Assert.Equal("lambda", Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.DelayCompensate(a, b, c, bad)).ParamName);
        Assert.Equal("weights", Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.WeightedSum(a, 1f, b, bad, c)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.AdaptiveStep(a, b, c, d, new AdaptiveStepParameters(AdaptiveRule.Adam, 0.9f, 0.99f, bad, 1e-3f)));
        Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.AdaptiveStep(a, b, c, d, new AdaptiveStepParameters(AdaptiveRule.Yogi, 0.9f, 0.99f, 0.1f, bad)));
    }

    [Fact]
    public unsafe void Other_invalid_scalars_throw()
    {
        float[] a = new float[4], b = new float[4], c = new float[4], d = new float[4];
        Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.DelayCompensate(a, b, c, -0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.AdaptiveStep(a, b, c, d, new AdaptiveStepParameters(AdaptiveRule.Adam, 0.9f, 0.99f, 0.1f, 1e-3f, 0f)));
        Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.AdaptiveStep(a, b, c, d, new AdaptiveStepParameters((AdaptiveRule)7, 0.9f, 0.99f, 0.1f, 1e-3f)));
        Assert.Throws<ArgumentOutOfRangeException>(() => VectorKernels.WeightedSum(ReadOnlySpan<IntPtr>.Empty, ReadOnlySpan<float>.Empty, null, -1));
    }

    [Fact]
    public unsafe void WeightedSum_with_no_inputs_writes_zeros()
    {
        var d = new float[37];
        Array.Fill(d, 3f);
        fixed (float* pd = d)
        {
            VectorKernels.WeightedSum(ReadOnlySpan<IntPtr>.Empty, ReadOnlySpan<float>.Empty, pd, d.Length);
        }

        Assert.All(d, v => Assert.Equal(0f, v));
    }
}
