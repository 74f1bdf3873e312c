namespace AsyncFl.Torch.Backends;

/// <summary>Length checks with the same messages as the CPU kernels.</summary>
internal static class VectorKernelsAccess
{
    public static void CheckLength(int a, int b)
    {
        if (a != b)
        {
            Throw(a, b);
        }
    }

    public static void CheckFinite(float value, string name)
    {
        if (!float.IsFinite(value))
        {
            ThrowNotFinite(value, name);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Throw(int a, int b) =>
        throw new ArgumentException($"Vector lengths differ: {a} and {b}. Every operand of a kernel must have the same length.");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowNotFinite(float value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"'{name}' must be a finite number (not NaN or infinity).");
}
