using Xunit;
namespace AsyncFl.Core.Tests.Kernels;

/// <summary>Seeded test data and tolerance helpers shared by the kernel tests.</summary>
internal static class KernelTestData
{
    public const double RelativeTolerance = 1e-5;

    /// <summary>Every length 0–256 (all tail sizes of every vector width) plus a few large odd lengths.</summary>
    public static IEnumerable<int> Lengths()
    {
        for (int n = 0; n <= 256; n++)
        {
            yield return n;
        }

        yield return 1000;
        yield return 4099;
        yield return 65537;
    }

    /// <summary>Uniform values in [-2, 2) from a fixed seed.</summary>
    public static float[] Random(int length, long stream)
    {
        var rng = RandomSource.Create(20240917, stream);
        var a = new float[length];
        for (int i = 0; i < length; i++)
        {
            a[i] = (rng.NextSingle() * 4f) - 2f;
        }

        return a;
    }

    /// <summary>
    /// A copy of <paramref name="values"/> placed at an element offset (0–3) inside a larger array, so the kernels
    /// also run on memory that is not 16/32/64-byte aligned.
    /// </summary>
    public static Memory<float> Misaligned(float[] values, int offset)
    {
        var backing = new float[values.Length + 4];
        values.CopyTo(backing, offset);
        return backing.AsMemory(offset, values.Length);
    }

    /// <summary>Asserts |actual − expected| ≤ 1e-5·scale (scale = Σ|terms| of the reference, at least tiny).</summary>
    public static void Close(double expected, double actual, double scale, string what)
    {
        double tol = RelativeTolerance * Math.Max(scale, 1e-30);
        if (!(Math.Abs(actual - expected) <= tol))
        {
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R} (|diff| = {Math.Abs(actual - expected):E3} > tol {tol:E3}).");
        }
    }

    public static void BitEqual(float expected, float actual, string what)
    {
        if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(actual))
        {
            Assert.Fail($"{what}: expected {expected:R} (0x{BitConverter.SingleToInt32Bits(expected):X8}), got {actual:R} (0x{BitConverter.SingleToInt32Bits(actual):X8}).");
        }
    }
}
