using AsyncFl.Kernels;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace AsyncFl.Core.Tests.Kernels;

/// <summary>FsCheck properties of the kernels: mix bounds and exact end points, weighted-sum consistency, aliasing.</summary>
[Trait("Category", "Kernels")]
public sealed class VectorKernelsPropertyTests
{
    // Any finite float with |v| ≤ float.MaxValue / 2 (so y − x cannot overflow), drawn from raw bit patterns
    // (subnormals, ±0, huge and tiny magnitudes), mixed with small integers so that x = y happens often.
    private static readonly Gen<float> AnyFloat =
        Gen.Frequency(
            (3, Gen.Choose(int.MinValue, int.MaxValue).Select(BitConverter.Int32BitsToSingle)
                .Where(v => float.IsFinite(v) && Math.Abs(v) <= float.MaxValue / 2)),
            (1, Gen.Choose(-4, 4).Select(i => (float)i)));

    private static readonly Gen<float> Weight01 =
        Gen.Frequency(
            (6, Gen.Choose(0, 1 << 24).Select(i => i / (float)(1 << 24))),
            (1, Gen.Elements(0f, 1f, 1f - (1f / (1 << 24)), float.Epsilon, 0.5f)));

    private static readonly Gen<(float[] X, float[] Y)> Pairs =
        Gen.Choose(0, 80).SelectMany(n => Gen.Zip(AnyFloat.ArrayOf(n), AnyFloat.ArrayOf(n)));

    [Property(MaxTest = 300)]
    public Property Mix_stays_between_x_and_y_for_a_in_0_1() =>
        Prop.ForAll(Arb.From(Gen.Zip(Pairs, Weight01)), t =>
        {
            var ((x0, y), a) = t;
            float[] x = (float[])x0.Clone();
            VectorKernels.Mix(x, y, a);
            for (int i = 0; i < x.Length; i++)
            {
                float lo = Math.Min(x0[i], y[i]), hi = Math.Max(x0[i], y[i]);
                if (!(x[i] >= lo && x[i] <= hi))
                {
                    return false;
                }
            }

            return true;
        });

    [Property(MaxTest = 200)]
    public Property Mix_with_a_0_leaves_x_bit_identical() =>
        Prop.ForAll(Arb.From(Pairs), t =>
        {
            var (x0, y) = t;
            float[] x = (float[])x0.Clone();
            VectorKernels.Mix(x, y, 0f);
            return x.Select(BitConverter.SingleToInt32Bits).SequenceEqual(x0.Select(BitConverter.SingleToInt32Bits));
        });

    [Property(MaxTest = 200)]
    public Property Mix_with_a_1_gives_y_bit_identical() =>
        Prop.ForAll(Arb.From(Pairs), t =>
        {
            var (x, y) = t;
            VectorKernels.Mix(x, y, 1f);
            return x.Select(BitConverter.SingleToInt32Bits).SequenceEqual(y.Select(BitConverter.SingleToInt32Bits));
        });

    [Property(MaxTest = 200)]
    public Property Mix_of_x_with_itself_is_x() =>
        Prop.ForAll(Arb.From(Gen.Zip(Pairs, Weight01)), t =>
        {
            var ((x0, _), a) = t;
            float[] x = (float[])x0.Clone();
            VectorKernels.Mix(x, x, a); // in place, y aliases x
            return x.SequenceEqual(x0);
        });

    private static readonly Gen<float> Moderate = Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 64f);

    [Property(MaxTest = 200)]
    public Property WeightedSum_of_K_copies_with_weights_summing_to_1_gives_v() =>
        Prop.ForAll(
            Arb.From(Gen.Zip(
                Gen.Choose(0, 70).SelectMany(n => Moderate.ArrayOf(n)),
                Gen.Choose(1, 40).SelectMany(k => Gen.Choose(1, 1000).ArrayOf(k)))),
            t =>
            {
                var (v, raw) = t;
                double total = raw.Sum();
                float[] w = raw.Select(r => (float)(r / total)).ToArray();
                var inputs = new float[w.Length][];
                for (int j = 0; j < inputs.Length; j++)
                {
                    inputs[j] = (float[])v.Clone();
                }

                float[] result = WeightedSum(inputs, w, new float[v.Length]);
                for (int i = 0; i < v.Length; i++)
                {
                    if (!(Math.Abs(result[i] - v[i]) <= 1e-5 * Math.Abs(v[i])))
                    {
                        return false;
                    }
                }

                return true;
            });

    [Property(MaxTest = 100)]
    public Property WeightedSum_into_its_first_input_equals_out_of_place() =>
        Prop.ForAll(
            Arb.From(Gen.Choose(0, 70).SelectMany(n => Gen.Choose(1, 20).SelectMany(k => Moderate.ArrayOf(n).ArrayOf(k)))),
            inputs =>
            {
                int n = inputs[0].Length;
                float[] w = Enumerable.Range(0, inputs.Length).Select(j => 1f / (j + 2)).ToArray();
                float[] outOfPlace = WeightedSum(inputs, w, new float[n]);
                float[] inPlace = WeightedSum(inputs, w, inputs[0]);
                return outOfPlace.SequenceEqual(inPlace) && ReferenceEquals(inPlace, inputs[0]);
            });

    [Property(MaxTest = 100)]
    public Property AddScaled_in_place_with_itself_is_fma() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 80).SelectMany(n => Moderate.ArrayOf(n))), x0 =>
        {
            float[] x = (float[])x0.Clone();
            VectorKernels.AddScaled(x, x, 0.5f);
            return x.SequenceEqual(x0.Select(v => MathF.FusedMultiplyAdd(0.5f, v, v)));
        });

    private static unsafe float[] WeightedSum(float[][] inputs, float[] weights, float[] destination)
    {
        var handles = inputs.Select(a => System.Runtime.InteropServices.GCHandle.Alloc(a, System.Runtime.InteropServices.GCHandleType.Pinned)).ToArray();
        try
        {
            var ptrs = handles.Select(h => h.AddrOfPinnedObject()).ToArray();
            if (destination.Length == 0)
            {
                VectorKernels.WeightedSum(ptrs, weights, null, 0);
                return destination;
            }

            fixed (float* pd = destination)
            {
                VectorKernels.WeightedSum(ptrs, weights, pd, destination.Length);
            }

            return destination;
        }
        finally
        {
            foreach (var h in handles)
            {
                h.Free();
            }
        }
    }
}
