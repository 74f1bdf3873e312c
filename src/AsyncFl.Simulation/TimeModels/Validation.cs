namespace AsyncFl.Simulation;

internal static class Validation
{
    public static double[] CopyNonNegative(IReadOnlyList<double> values, string name)
    {
        var copy = new double[values.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            double v = values[i];
            if (!double.IsFinite(v) || v < 0)
            {
                throw new ArgumentException($"{name}[{i}] = {v}: must be finite and ≥ 0.", name);
            }

            copy[i] = v;
        }

        return copy;
    }

    public static void Throw(List<string> errors, string what)
    {
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid {what}: " + string.Join("; ", errors));
        }
    }
}
