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

    private const int RejectionAttempts = 32;

    /// <summary>
    /// One client uniformly among the eligible ones (−1 when none): rejection sampling over all ids first (exactly
    /// uniform on the eligible set, O(1) when most are eligible), then one gathering pass.
    /// </summary>
    public static int UniformEligible(int population, Random random, Func<int, bool>? eligible, ref int[] buffer)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(population);
        if (population == 0)
        {
            return -1;
        }

        if (eligible is null)
        {
            return random.Next(population);
        }

        for (int attempt = 0; attempt < RejectionAttempts; attempt++)
        {
            int c = random.Next(population);
            if (eligible(c))
            {
                return c;
            }
        }

        int count = GatherEligible(population, eligible, ref buffer);
        return count == 0 ? -1 : buffer[random.Next(count)];
    }

    /// <summary>
    /// One client with probability ∝ <c>weights[i]</c> among the eligible ones (−1 when no eligible client has a
    /// positive weight): draws from the cumulative sums (binary search) and rejects ineligible ids, then falls back
    /// to one pass over the eligible weights. <paramref name="cumulative"/> holds the running sums of the weights.
    /// </summary>
    public static int WeightedEligible(ReadOnlySpan<double> weights, ReadOnlySpan<double> cumulative, Random random, Func<int, bool>? eligible)
    {
        ArgumentNullException.ThrowIfNull(random);
        int n = weights.Length;
        double total = n == 0 ? 0 : cumulative[n - 1];
        if (!(total > 0))
        {
            return -1;
        }

        for (int attempt = 0; attempt < RejectionAttempts; attempt++)
        {
            double u = random.NextDouble() * total;
            int i = cumulative.BinarySearch(u);
            i = i >= 0 ? i + 1 : ~i; // the first index whose running sum exceeds u
            while (i < n && weights[i] <= 0)
            {
                i++;
            }

            if (i < n && (eligible is null || eligible(i)))
            {
                return i;
            }
        }

        double eligibleTotal = 0;
        for (int i = 0; i < n; i++)
        {
            if (weights[i] > 0 && (eligible is null || eligible(i)))
            {
                eligibleTotal += weights[i];
            }
        }

        if (!(eligibleTotal > 0))
        {
            return -1;
        }

        double target = random.NextDouble() * eligibleTotal;
        int last = -1;
        for (int i = 0; i < n; i++)
        {
            if (weights[i] > 0 && (eligible is null || eligible(i)))
            {
                last = i;
                target -= weights[i];
                if (target < 0)
                {
                    return i;
                }
            }
        }

        return last; // rounding left a sliver of mass past the last eligible client
    }

    /// <summary>Running sums of <paramref name="weights"/> into <paramref name="cumulative"/>.</summary>
    public static void CumulativeSums(ReadOnlySpan<double> weights, Span<double> cumulative)
    {
        double sum = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            cumulative[i] = sum;
        }
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
