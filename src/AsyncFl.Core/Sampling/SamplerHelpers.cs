using System.Diagnostics.CodeAnalysis;

namespace AsyncFl.Sampling;

/// <summary>Shared argument checks and the eligible-id gathering used by the samplers.</summary>
internal static class SamplerHelpers
{
    /// <summary>Writes the eligible ids of <c>0 … population−1</c> into <paramref name="buffer"/> (grown as needed).</summary>
    public static int GatherEligible(int population, Func<int, bool>? eligible, ref int[] buffer)
    {
        if (buffer.Length < population)
        {
            buffer = new int[population];
        }

        int count = 0;
        for (int i = 0; i < population; i++)
        {
            if (eligible is null || eligible(i))
            {
                buffer[count++] = i;
            }
        }

        return count;
    }

    public static void CheckArguments(int population, Span<int> destination, Span<double> unbiasedWeights, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(population);
        if (!unbiasedWeights.IsEmpty && unbiasedWeights.Length < destination.Length)
        {
            ThrowWeights(unbiasedWeights.Length, destination.Length);
        }
    }

    public static double[] ValidateProbabilities(ReadOnlySpan<double> p, string name)
    {
        var errors = new List<string>();
        for (int i = 0; i < p.Length; i++)
        {
            if (!double.IsFinite(p[i]) || p[i] < 0 || p[i] > 1)
            {
                errors.Add($"{name}[{i}] = {p[i]} is not a probability in [0, 1].");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), name);
        }

        return p.ToArray();
    }

    [DoesNotReturn]
    private static void ThrowWeights(int weights, int destination) =>
        throw new ArgumentException($"unbiasedWeights has length {weights} but destination has length {destination}: pass an empty span or one at least as long.", "unbiasedWeights");
}
